import type { MessageChannel } from '../../config';
import type { Address, Provider } from '../channels/provider';

export interface RoutePreference {
  channels: string[];
  optOut: boolean;
}

export type Route =
  | { kind: 'steps'; steps: Provider[] }
  | { kind: 'none'; reason: 'opted-out' | 'no-reachable-channel' };

/**
 * The providers to try for one external message, in order: the recipient's channel choice (or the
 * default order), keeping only channels that are on and can reach the address; within a channel,
 * its providers in configured order. One message goes out; the next step is only a failover.
 */
export function buildRoute(
  address: Address,
  preference: RoutePreference | null,
  defaultOrder: readonly MessageChannel[],
  providersOf: (channel: MessageChannel) => readonly Provider[],
): Route {
  if (preference?.optOut) return { kind: 'none', reason: 'opted-out' };
  const chosen = preference?.channels.length
    ? (preference.channels.filter((c) =>
        defaultOrder.includes(c as MessageChannel),
      ) as MessageChannel[])
    : defaultOrder;
  const steps = chosen.flatMap((c) => providersOf(c).filter((p) => p.canReach(address)));
  return steps.length ? { kind: 'steps', steps } : { kind: 'none', reason: 'no-reachable-channel' };
}

export interface FailurePolicy {
  maxAttempts: number;
  retriesPerProvider: number;
}

export type AfterFailure =
  { kind: 'dead' } | { kind: 'retry'; step: number; stepFailures: number; backoff: boolean };

/**
 * After a failed attempt: retry the same provider (with backoff) until it failed
 * `retriesPerProvider` times, then fail over to the next step at once; after the last step, start
 * again from the first with backoff; after `maxAttempts` failures in all, dead-letter it.
 */
export function afterFailure(
  state: { attempts: number; step: number; stepFailures: number },
  routeLength: number,
  policy: FailurePolicy,
  permanent: boolean,
): AfterFailure {
  const attempts = state.attempts + 1;
  if (attempts >= policy.maxAttempts) return { kind: 'dead' };
  const stepFailures = state.stepFailures + 1;
  if (permanent || stepFailures >= policy.retriesPerProvider) {
    const next = state.step + 1;
    if (next < routeLength) return { kind: 'retry', step: next, stepFailures: 0, backoff: false };
    return { kind: 'retry', step: 0, stepFailures: 0, backoff: true };
  }
  return { kind: 'retry', step: state.step, stepFailures, backoff: true };
}
