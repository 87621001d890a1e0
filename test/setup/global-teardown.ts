import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, TEST_KAFKA_PORT } from '@app/testing';

/** Stops the broker this run started and removes its state, so nothing is left running. */
export default function globalTeardown(): void {
  if (process.env.ANTREAN_TEST_STARTED_KAFKA !== '1') return;
  const state = join(REPO_ROOT, `.infra/kafka-test-${TEST_KAFKA_PORT}`);
  execFileSync('bash', [join(REPO_ROOT, 'scripts/infra/kafka.sh'), 'down'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      KAFKA_BROKERS: '',
      KAFKA_PORT: String(TEST_KAFKA_PORT),
      KAFKA_STATE_DIR: state,
    },
  });
  rmSync(state, { recursive: true, force: true });
}
