import { Logger } from '@nestjs/common';
import { backOff } from 'exponential-backoff';
import {
  envelopeSchema,
  isEventType,
  MAX_EVENT_BYTES,
  payloadSchemaOf,
  type DeadLetter,
  type EventEnvelope,
  type EventPayload,
  type EventType,
} from '@app/contracts';
import { markProcessed, type RawSql, type TransactionalSql } from '@app/database';
import type { DeadLetterPublisher } from './dead-letter.publisher';

/** One Kafka message as the inbox needs it, independent of the transport adapter. */
export interface InboundMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | string | null;
}

export type EventHandler<T extends EventType, Tx> = (
  event: EventEnvelope<T, EventPayload<T>>,
  tx: Tx,
) => Promise<void>;

/**
 * A handler with a slow step (an HTTP call to another service) that must not run inside the inbox
 * transaction: `prepare` runs first, outside any transaction, and returns what applies the event
 * inside it. `prepare` runs again on each attempt and on a redelivered duplicate, so it must only
 * read.
 */
export interface PreparedEventHandler<T extends EventType, Tx> {
  prepare: (event: EventEnvelope<T, EventPayload<T>>) => Promise<(tx: Tx) => Promise<void>>;
}

/** Exactly one handler per event type a consumer takes: the type system makes it so. */
export type EventHandlers<T extends EventType, Tx> = {
  [K in T]: EventHandler<K, Tx> | PreparedEventHandler<K, Tx>;
};

/**
 * Runs `apply` at most once per (consumer, event id): implementations record the event id in the
 * same transaction as the effect. Returns false for a duplicate.
 */
export interface InboxStore<Tx> {
  runOnce(consumer: string, eventId: string, apply: (tx: Tx) => Promise<void>): Promise<boolean>;
}

export type InboxOutcome = 'handled' | 'duplicate' | 'ignored' | 'dead-lettered';

export interface EventInboxOptions<T extends EventType, Tx> {
  /** Names the consumer in the processed-event table and on dead letters (e.g. notification-service). */
  consumer: string;
  handlers: EventHandlers<T, Tx>;
  store: InboxStore<Tx>;
  deadLetters: DeadLetterPublisher;
  /** Attempts before a failing event is dead-lettered. */
  maxAttempts?: number;
  /** Errors worth waiting out (a database or broker away) are rethrown so Kafka redelivers later. */
  isTransient?: (error: unknown) => boolean;
  onOutcome?: (type: string, outcome: InboxOutcome) => void;
}

class Rejected extends Error {
  constructor(
    readonly reason: DeadLetter['reason'],
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * The consuming side of every service: parses and validates each message against the schema
 * registry, applies it once, retries failures with backoff, and sends what cannot be taken to the
 * dead-letter topic with the reason, so the consumer group always moves on.
 */
export class EventInbox<T extends EventType, Tx> {
  private readonly logger: Logger;
  private readonly maxAttempts: number;

  constructor(private readonly options: EventInboxOptions<T, Tx>) {
    this.logger = new Logger(`EventInbox:${options.consumer}`);
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  handledTypes(): string[] {
    return Object.keys(this.options.handlers);
  }

  async receive(message: InboundMessage): Promise<InboxOutcome> {
    let envelope: EventEnvelope<EventType> | undefined;
    try {
      envelope = this.parse(message);
    } catch (e) {
      if (!(e instanceof Rejected)) throw e;
      await this.deadLetter(message, e.reason, e.message, null);
      return this.outcome('unknown', 'dead-lettered');
    }
    const handler = (
      this.options.handlers as unknown as Record<
        string,
        EventHandler<T, Tx> | PreparedEventHandler<T, Tx> | undefined
      >
    )[envelope.type];
    if (!handler) return this.outcome(envelope.type, 'ignored');
    const event = envelope as EventEnvelope<T, EventPayload<T>>;

    try {
      const applied = await backOff(
        async () => {
          const apply =
            typeof handler === 'function'
              ? (tx: Tx) => handler(event, tx)
              : await handler.prepare(event);
          return this.options.store.runOnce(this.options.consumer, event.id, apply);
        },
        {
          numOfAttempts: this.maxAttempts,
          startingDelay: 100,
          timeMultiple: 4,
          jitter: 'full',
          retry: (err) => !this.isTransient(err),
        },
      );
      return this.outcome(event.type, applied ? 'handled' : 'duplicate');
    } catch (e) {
      if (this.isTransient(e)) throw e;
      this.logger.warn(
        { eventId: event.id, type: event.type, err: (e as Error).message },
        'dead-lettering',
      );
      await this.deadLetter(message, 'handler-failed', (e as Error).message, event.id);
      return this.outcome(event.type, 'dead-lettered');
    }
  }

  private parse(message: InboundMessage): EventEnvelope<EventType> {
    const size = byteLengthOf(message.value);
    if (size > MAX_EVENT_BYTES)
      throw new Rejected(
        'oversized',
        `the message is ${size} bytes; the limit is ${MAX_EVENT_BYTES}`,
      );
    let raw: unknown;
    try {
      raw = JSON.parse(textOf(message.value));
    } catch {
      throw new Rejected('unparseable', 'the message is not JSON');
    }
    const env = envelopeSchema.safeParse(raw);
    if (!env.success) throw new Rejected('invalid-envelope', describe(env.error.issues));
    const { type, version } = env.data;
    if (!isEventType(type))
      throw new Rejected('unknown-event-type', `unknown event type "${type}"`);
    const schema = payloadSchemaOf(type, version);
    if (!schema)
      throw new Rejected('unsupported-version', `${type} version ${version} is not supported here`);
    const payload = schema.safeParse(env.data.payload);
    if (!payload.success) throw new Rejected('invalid-payload', describe(payload.error.issues));
    return { ...env.data, type, payload: payload.data };
  }

  private isTransient(error: unknown): boolean {
    return (this.options.isTransient ?? defaultIsTransient)(error);
  }

  private async deadLetter(
    message: InboundMessage,
    reason: DeadLetter['reason'],
    detail: string,
    eventId: string | null,
  ): Promise<void> {
    await this.options.deadLetters.publish({
      reason,
      detail: detail.slice(0, 2_000),
      consumer: this.options.consumer,
      sourceTopic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key,
      eventId,
      value:
        reason === 'oversized' ? excerptOf(message.value) : textOf(message.value).slice(0, 100_000),
      failedAt: new Date().toISOString(),
    });
  }

  private outcome(type: string, outcome: InboxOutcome): InboxOutcome {
    this.options.onOutcome?.(type, outcome);
    return outcome;
  }
}

/** How much of an oversized message its dead letter keeps: enough to see what it was. */
export const OVERSIZED_EXCERPT_BYTES = 2_048;

function byteLengthOf(value: Buffer | string | null): number {
  if (value === null) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function excerptOf(value: Buffer | string | null): string {
  if (typeof value === 'string') return value.slice(0, OVERSIZED_EXCERPT_BYTES);
  return textOf(value?.subarray(0, OVERSIZED_EXCERPT_BYTES) ?? null);
}

function textOf(value: Buffer | string | null): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : value.toString('utf8');
}

function describe(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 10)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'P1001', // Prisma: cannot reach database
  'P1002',
  'P1017', // Prisma: server closed the connection
  'P2024', // Prisma: timed out fetching a connection from the pool
  '57P01', // Postgres: admin shutdown
  '57P03', // Postgres: cannot connect now
]);

/** Infrastructure that is away for a moment is waited out; anything else counts as a bad event. */
export function defaultIsTransient(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if (
      typeof message === 'string' &&
      /ECONNREFUSED|Connection terminated|connection is closed|Can't reach database/i.test(message)
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The usual InboxStore: the processed-event row and the effect commit in one Postgres transaction. */
export class SqlInboxStore<Tx extends RawSql> implements InboxStore<Tx> {
  constructor(private readonly db: TransactionalSql<Tx>) {}

  runOnce(consumer: string, eventId: string, apply: (tx: Tx) => Promise<void>): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      if (!(await markProcessed(tx, consumer, eventId))) return false;
      await apply(tx);
      return true;
    });
  }
}
