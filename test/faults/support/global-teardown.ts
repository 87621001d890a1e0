import { stopAll } from './global-setup';

/** Stops the suite's private Kafka, Redis and Postgres. */
export default async function globalTeardown(): Promise<void> {
  await stopAll();
}
