/**
 * Delay before retry number `failures` (1-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so a provider coming back is not hit by every retry at the same instant.
 */
export function retryDelayMs(
  failures: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
