import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson } from './api';
import { useDebounced, useLive } from './hooks';
import type { LiveMessage, LiveState } from './live';
import {
  applyReferralPush,
  isReferralPush,
  type ReferralPush,
  type ReferralView,
} from './referrals';

/**
 * A facility's referral list (what it sent, or its inbox), kept current by `subscribe-referrals`:
 * read once at start and once after each (re)subscription, then changed by each pushed event; a
 * referral the list does not know yet causes one re-read. `fresh` holds the ids that arrived
 * while the page was open, so the page can highlight them.
 */
export function useLiveReferrals(
  listPath: string,
  facilityCode: string,
): {
  referrals: ReferralView[] | null;
  live: LiveState;
  fresh: ReadonlySet<string>;
  reload: () => Promise<void>;
  error: string | null;
} {
  const [referrals, setReferrals] = useState<ReferralView[] | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const current = useRef<ReferralView[] | null>(null);
  const pendingNew = useRef(new Set<string>());

  const load = async () => {
    try {
      const list = await getJson<ReferralView[]>(listPath);
      const before = current.current;
      // Ids new since the last read that a push announced: the ones to highlight.
      const arrived = list.filter(
        (r) => pendingNew.current.has(r.id) && !before?.some((b) => b.id === r.id),
      );
      pendingNew.current.clear();
      current.current = list;
      setReferrals(list);
      if (arrived.length > 0) {
        setFresh((f) => new Set([...f, ...arrived.map((r) => r.id)]));
      }
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const reload = useDebounced(() => void load(), 150);

  useEffect(() => {
    void load();
  }, [listPath]);

  const live = useLive(
    facilityCode ? [{ event: 'subscribe-referrals', data: { facilityCode } }] : null,
    (m: LiveMessage) => {
      if (m.event === 'subscribed-referrals') {
        reload();
        return;
      }
      if (!isReferralPush(m.event, m.data) || !current.current) return;
      const { list, known } = applyReferralPush(current.current, m.data as unknown as ReferralPush);
      if (known) {
        current.current = list;
        setReferrals(list);
      } else {
        pendingNew.current.add(String(m.data.id));
        reload();
      }
    },
  );

  return { referrals, live, fresh, reload: load, error };
}
