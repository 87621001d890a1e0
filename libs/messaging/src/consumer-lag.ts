import { AssignerProtocol, type Admin, type Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import { sampledCollect, type Metrics, type Sample } from '@app/observability';

export interface WatchedGroup {
  groupId: string;
  /** What the group reads where it has committed nothing yet: everything, or only what comes next. */
  fromBeginning: boolean;
}

export interface PartitionOffsets {
  partition: number;
  /** The high watermark: the offset the next message will get. */
  high: string;
  low: string;
}

export interface CommittedOffset {
  partition: number;
  /** The next offset the group will read; "-1" when it has committed nothing. */
  offset: string;
}

/**
 * Messages each partition holds that the group has not processed: high watermark minus the
 * committed offset. A partition never committed counts from its start for a group that reads from
 * the beginning, and as 0 for one that only reads what comes next (it would skip the rest anyway).
 */
export function partitionLag(
  topicOffsets: readonly PartitionOffsets[],
  committed: readonly CommittedOffset[],
  fromBeginning: boolean,
): Array<{ partition: number; lag: number }> {
  const byPartition = new Map(committed.map((c) => [c.partition, BigInt(c.offset)]));
  return topicOffsets.map((p) => {
    const high = BigInt(p.high);
    const done = byPartition.get(p.partition) ?? -1n;
    let lag: bigint;
    if (done >= 0n) lag = high - done;
    else lag = fromBeginning ? high - BigInt(p.low) : 0n;
    return { partition: p.partition, lag: Number(lag < 0n ? 0n : lag) };
  });
}

/** Topics the members of a group are assigned now (from DescribeGroups). */
export function assignedTopics(members: ReadonlyArray<{ memberAssignment: Buffer }>): string[] {
  const topics = new Set<string>();
  for (const m of members) {
    if (!m.memberAssignment?.length) continue;
    const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
    for (const topic of Object.keys(decoded?.assignment ?? {})) topics.add(topic);
  }
  return [...topics];
}

/**
 * `kafka_consumer_lag{group,topic,partition}` of the consumer groups this process runs, sampled
 * through the admin API at scrape time (at most every `minIntervalMs`). Committed offsets against
 * high watermarks, not the consumer's own batch bookkeeping: so the lag keeps rising while the
 * handler is stuck or slow and nothing is committed, which is when it matters.
 */
export class ConsumerLagSampler {
  private readonly groups = new Map<string, WatchedGroup>();
  private readonly topics = new Map<string, Set<string>>();
  private admin?: Admin;
  private connecting?: Promise<void>;
  readonly metric: Gauge<'group' | 'topic' | 'partition'>;

  constructor(
    private readonly kafka: Kafka,
    metrics: Metrics,
    options: { minIntervalMs?: number; timeoutMs?: number } = {},
  ) {
    this.metric = new Gauge({
      name: 'kafka_consumer_lag',
      help: 'Messages not yet processed by a consumer group: partition high watermark minus committed offset',
      labelNames: ['group', 'topic', 'partition'],
      registers: [metrics.registry],
      collect: sampledCollect(() => this.sample(), {
        name: 'kafka_consumer_lag',
        minIntervalMs: options.minIntervalMs ?? 2_000,
        timeoutMs: options.timeoutMs ?? 2_000,
      }),
    });
  }

  watch(group: WatchedGroup): void {
    this.groups.set(group.groupId, group);
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    this.connecting = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  private async sample(): Promise<Array<Sample<'group' | 'topic' | 'partition'>>> {
    if (this.groups.size === 0) return [];
    const admin = await this.connected();
    try {
      const samples: Array<Sample<'group' | 'topic' | 'partition'>> = [];
      const highs = new Map<string, Promise<PartitionOffsets[]>>();
      const offsetsOf = (topic: string) => {
        if (!highs.has(topic)) highs.set(topic, admin.fetchTopicOffsets(topic));
        return highs.get(topic)!;
      };
      const described = await admin.describeGroups([...this.groups.keys()]);
      for (const group of this.groups.values()) {
        const members = described.groups.find((g) => g.groupId === group.groupId)?.members ?? [];
        // Topics are remembered: a group whose members all left still has its lag shown.
        const topics = this.topicsOf(group.groupId);
        for (const topic of assignedTopics(members)) topics.add(topic);
        if (topics.size === 0) continue;
        const committed = await admin.fetchOffsets({ groupId: group.groupId, topics: [...topics] });
        for (const topic of topics) {
          const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
          for (const { partition, lag } of partitionLag(
            await offsetsOf(topic),
            done,
            group.fromBeginning,
          )) {
            samples.push({ labels: { group: group.groupId, topic, partition }, value: lag });
          }
        }
      }
      return samples;
    } catch (e) {
      // A broken connection is rebuilt on the next sample.
      await this.close();
      throw e;
    }
  }

  private topicsOf(groupId: string): Set<string> {
    let topics = this.topics.get(groupId);
    if (!topics) this.topics.set(groupId, (topics = new Set()));
    return topics;
  }

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin({ retry: { retries: 0 } });
      this.connecting = this.admin.connect();
    }
    const admin = this.admin;
    try {
      await this.connecting;
      return admin;
    } catch (e) {
      await this.close();
      throw e;
    }
  }
}
