import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '@app/testing';

/** Runs a command from the repo root, streaming its output; throws with a clear line on failure. */
export function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${[command, ...args].join(' ')} failed with exit code ${result.status}`);
}

/** Runs a command and returns its stdout, or null when it fails. */
export function capture(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): string | null {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return result.status === 0 ? result.stdout : null;
}
