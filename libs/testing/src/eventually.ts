/** Retries `probe` until it returns without throwing, or fails with its last error after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T>,
  timeoutMs = 20_000,
  intervalMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await probe();
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw last instanceof Error ? last : new Error(String(last));
}
