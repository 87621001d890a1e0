import type { Admin, Kafka } from 'kafkajs';
import type { HealthIndicator } from '@app/observability';

/** Ready when the cluster answers a metadata request. */
export class KafkaHealthIndicator implements HealthIndicator {
  readonly name = 'kafka';
  private admin?: Admin;
  private connected?: Promise<void>;

  constructor(private readonly kafka: Kafka) {}

  async check(): Promise<void> {
    if (!this.admin) {
      this.admin = this.kafka.admin({ retry: { retries: 0 } });
      this.connected = this.admin.connect();
    }
    try {
      await this.connected;
      await this.admin.describeCluster();
    } catch (e) {
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}
