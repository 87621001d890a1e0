import { useEffect, useRef, useState } from 'preact/hooks';
import { pageAuth } from './page-auth';
import { LiveSocket, type LiveMessage, type LiveState, type Subscription } from './live';

/**
 * Follows live subscriptions for as long as the component lives. `onMessage` always sees the
 * latest closure; the socket is opened once per set of subscriptions.
 */
export function useLive(
  subscriptions: Subscription[] | null,
  onMessage: (message: LiveMessage) => void,
): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const key = JSON.stringify(subscriptions);
  useEffect(() => {
    if (!subscriptions) return undefined;
    const socket = new LiveSocket(
      subscriptions,
      (m) => handler.current(m),
      setState,
      pageAuth()?.live ?? null,
    ).open();
    return () => socket.close();
  }, [key]);
  return state;
}

/** Runs `fn` once after a burst of calls has settled (many events, one re-read). */
export function useDebounced(fn: () => void, ms: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => () => clearTimeout(timer.current), []);
  return () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  };
}
