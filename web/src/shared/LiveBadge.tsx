import type { LiveState } from './live';
import type { translator } from './i18n';

/** Says whether what the page shows is live, so nobody trusts a stale screen. */
export function LiveBadge({ state, t }: { state: LiveState; t: ReturnType<typeof translator> }) {
  const text =
    state === 'live' ? t('live') : state === 'reconnecting' ? t('reconnecting') : t('connecting');
  return (
    <span class={`badge ${state}`} role="status" aria-live="polite" data-live-state={state}>
      {text}
    </span>
  );
}
