import type { MessageChannel } from '../../config';

export type Channel = MessageChannel | 'in-app';

export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Where a recipient can be reached (from the contact directory). */
export interface Address {
  recipient: string;
  phone: string | null;
  email: string | null;
  pushSubscription: PushSubscriptionJson | null;
}

export interface OutgoingMessage {
  /** The notification id: the idempotency key every provider gets. */
  id: string;
  title: string;
  body: string;
  url: string | null;
  locale: string;
  critical: boolean;
}

/** A provider refused or could not be reached; `permanent` when retrying it cannot help. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/** One way out: an SMTP server, an SMS or WhatsApp gateway, a push service, the in-app push. */
export interface Provider {
  readonly channel: Channel;
  /** Stable name for logs, metrics and the delivery log (never a secret). */
  readonly name: string;
  /** Whether this address can be reached through the provider's channel. */
  canReach(address: Address): boolean;
  /** Resolves once the provider accepted the message; throws ProviderError otherwise. */
  send(message: OutgoingMessage, address: Address): Promise<void>;
  close?(): Promise<void>;
}

/** Name a provider by its host, without credentials or path. */
export function providerName(channel: Channel, index: number, url: string): string {
  const u = new URL(url);
  return `${channel}#${index + 1}@${u.host}`;
}
