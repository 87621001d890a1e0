import { createKafka } from '@app/messaging';

/**
 * Waits until a consumer group has committed offsets up to the end of a topic: a test that starts
 * a service on a broker earlier tests wrote to must let it catch up before timing anything.
 */
export async function waitForConsumerGroupCaughtUp(
  brokers: string,
  groupId: string,
  topic: string,
  timeoutMs = 120_000,
): Promise<void> {
  const admin = createKafka(brokers.split(','), `lag-check-${groupId}`).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    let lag = Number.POSITIVE_INFINITY;
    while (Date.now() < deadline) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const byPartition = new Map(
        committed?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? [],
      );
      lag = ends.reduce((sum, p) => {
        const done = byPartition.get(p.partition) ?? -1;
        const end = Number(p.high);
        return sum + (done < 0 ? end - Number(p.low) : end - done);
      }, 0);
      if (lag === 0) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${groupId} still ${lag} messages behind on ${topic} after ${timeoutMs} ms`);
  } finally {
    await admin.disconnect();
  }
}
