import nodemailer, { type Transporter } from 'nodemailer';
import {
  ProviderError,
  providerName,
  type Address,
  type OutgoingMessage,
  type Provider,
} from './provider';

/** Email over SMTP (nodemailer). The Message-ID is derived from the notification id. */
export class SmtpProvider implements Provider {
  readonly channel = 'email' as const;
  readonly name: string;
  private readonly transport: Transporter;

  constructor(
    url: string,
    index: number,
    private readonly from: string,
    timeoutMs: number,
  ) {
    this.name = providerName('email', index, url);
    const u = new URL(url);
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 4,
      host: u.hostname,
      port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 25),
      secure: u.protocol === 'smtps:',
      // Plain smtp:// is for local relays and tests: no STARTTLS upgrade attempted.
      ignoreTLS: u.protocol === 'smtp:',
      ...(u.username
        ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
        : {}),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  canReach(address: Address): boolean {
    return Boolean(address.email);
  }

  async send(message: OutgoingMessage, address: Address): Promise<void> {
    if (!address.email) throw new ProviderError('no email address', true);
    try {
      await this.transport.sendMail({
        from: this.from,
        to: address.email,
        subject: message.title,
        text:
          message.url && !message.body.includes(message.url)
            ? `${message.body}\n\n${message.url}`
            : message.body,
        messageId: `<${message.id}@antrean-rujukan>`,
        headers: { 'Idempotency-Key': message.id, 'Content-Language': message.locale },
      });
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      throw new ProviderError(`smtp: ${(e as Error).message}`, code !== undefined && code >= 550);
    }
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
