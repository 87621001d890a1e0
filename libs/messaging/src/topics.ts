import type { Kafka } from 'kafkajs';
import { TOPIC_SPECS, type TopicSpec } from '@app/contracts';

/** Creates the topics the system uses when they are missing; existing ones are left alone. */
export async function ensureTopics(
  kafka: Kafka,
  specs: readonly TopicSpec[] = TOPIC_SPECS,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: s.topic,
        numPartitions: s.partitions,
        replicationFactor: -1,
        configEntries: [
          { name: 'cleanup.policy', value: s.cleanupPolicy },
          ...(s.retentionMs ? [{ name: 'retention.ms', value: String(s.retentionMs) }] : []),
        ],
      })),
    });
  } catch (e) {
    // Two services starting at once may race to create the same topic: that is fine.
    if (!/already exists/i.test((e as Error).message)) throw e;
  } finally {
    await admin.disconnect();
  }
}
