import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string | null;
  idempotencyKey: string | null;
  language: string | null;
}

/**
 * A real local SMTP server (smtp-server) that keeps what it receives, parsed with mailparser.
 * `down()` makes it refuse mail with a temporary 451, as a struggling relay would.
 */
export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  private failing = false;

  private readonly server: SMTPServer;

  static async start(port = 0): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(port, '127.0.0.1', resolve));
    return receiver;
  }

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            if (this.failing) {
              const err = Object.assign(new Error('try again later'), { responseCode: 451 });
              return callback(err);
            }
            const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
            const header = (name: string) => {
              const v = mail.headers.get(name);
              return typeof v === 'string' ? v : null;
            };
            this.mails.push({
              from: mail.from?.text ?? '',
              to: to.flatMap((a) => a.value.map((v) => v.address ?? '')),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              messageId: mail.messageId ?? null,
              idempotencyKey: header('idempotency-key'),
              language: header('content-language'),
            });
            callback();
          })
          .catch((e: Error) => callback(e));
      },
    });
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  down(): void {
    this.failing = true;
  }

  up(): void {
    this.failing = false;
  }

  /** Mails to one address. */
  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
