import { databaseNameOf } from './pg-connection';

/** Refuses to let a test touch a database whose name does not say it is for tests. */
export function assertTestDatabase(url: string): void {
  const name = databaseNameOf(url);
  if (!/test/i.test(name)) {
    throw new Error(
      `refusing to run tests against database "${name}": its name must contain "test"`,
    );
  }
}
