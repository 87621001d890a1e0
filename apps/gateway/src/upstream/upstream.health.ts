import type { HealthIndicator } from '@app/observability';
import { request } from 'undici';

/** Ready when an internal service answers its own liveness probe. */
export class UpstreamHealthIndicator implements HealthIndicator {
  constructor(
    readonly name: string,
    private readonly baseUrl: string,
  ) {}

  async check(): Promise<void> {
    const res = await request(`${this.baseUrl}/health/live`, {
      headersTimeout: 1_500,
      bodyTimeout: 1_500,
    });
    await res.body.dump();
    if (res.statusCode !== 200) throw new Error(`answered ${res.statusCode}`);
  }
}
