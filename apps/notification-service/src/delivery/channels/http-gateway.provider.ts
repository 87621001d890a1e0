import {
  ProviderError,
  providerName,
  type Address,
  type OutgoingMessage,
  type Provider,
} from './provider';

/**
 * SMS or WhatsApp through an HTTP gateway: `POST <url>` with `{to, text, channel, id}` and an
 * `Idempotency-Key` header (the notification id), so a gateway that dedups on it delivers a retried
 * message once. Any 2xx is accepted; 4xx other than 408/429 is permanent for this provider.
 */
export class HttpGatewayProvider implements Provider {
  readonly name: string;

  constructor(
    readonly channel: 'sms' | 'whatsapp',
    private readonly url: string,
    index: number,
    private readonly timeoutMs: number,
  ) {
    this.name = providerName(channel, index, url);
  }

  canReach(address: Address): boolean {
    return Boolean(address.phone);
  }

  async send(message: OutgoingMessage, address: Address): Promise<void> {
    if (!address.phone) throw new ProviderError('no phone number', true);
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': message.id },
        body: JSON.stringify({
          id: message.id,
          channel: this.channel,
          to: address.phone,
          text: message.body,
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer();
    } catch (e) {
      throw new ProviderError(`${this.channel}: ${(e as Error).message}`);
    }
    if (res.status >= 200 && res.status < 300) return;
    const permanent = res.status >= 400 && res.status < 500 && ![408, 429].includes(res.status);
    throw new ProviderError(`${this.channel}: gateway answered ${res.status}`, permanent);
  }
}
