import { MAX_EVENT_BYTES, type DeadLetter } from '@app/contracts';
import type { DeadLetterPublisher } from './dead-letter.publisher';
import { buildEvent, EventTooLargeError } from './event-factory';
import {
  defaultIsTransient,
  EventInbox,
  OVERSIZED_EXCERPT_BYTES,
  type InboxStore,
} from './event-inbox';

const payload = {
  ticketId: '0b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11',
  bookingCode: '261124K7P2QX',
  facilityCode: '3329R001',
  poliCode: 'ANA',
  poliName: 'Anak',
  serviceDate: '2026-11-24',
  queueNumber: 7,
  displayNumber: 'ANA-007',
  patientRef: 'p_abcdefghijklmnop',
  source: 'online' as const,
  bookedAt: '2026-11-23T08:00:00.000Z',
};

/** In-memory store: the unit tier's stand-in for the Postgres processed-event table. */
class MemoryStore implements InboxStore<undefined> {
  readonly seen = new Set<string>();
  async runOnce(
    consumer: string,
    id: string,
    apply: (tx: undefined) => Promise<void>,
  ): Promise<boolean> {
    if (this.seen.has(`${consumer}/${id}`)) return false;
    await apply(undefined);
    this.seen.add(`${consumer}/${id}`);
    return true;
  }
}

function setup(handler: () => Promise<void> = () => Promise.resolve()) {
  const letters: DeadLetter[] = [];
  const deadLetters = {
    publish: (l: DeadLetter) => Promise.resolve(void letters.push(l)),
  } as unknown as DeadLetterPublisher;
  const handled = jest.fn(handler);
  const inbox = new EventInbox<'queue.ticket.booked', undefined>({
    consumer: 'unit',
    store: new MemoryStore(),
    deadLetters,
    handlers: { 'queue.ticket.booked': handled },
    maxAttempts: 2,
  });
  return { inbox, letters, handled };
}

const message = (value: string) => ({
  topic: 't',
  partition: 0,
  offset: '5',
  key: '3329R001',
  value: Buffer.from(value),
});
const event = () =>
  buildEvent('queue.ticket.booked', payload, {
    producer: 'unit',
    correlationId: 'c-1',
    key: '3329R001',
  });

describe('EventInbox', () => {
  it('applies a valid event once and reports the redelivery as a duplicate', async () => {
    const { inbox, handled } = setup();
    const raw = JSON.stringify(event());
    expect(await inbox.receive(message(raw))).toBe('handled');
    expect(await inbox.receive(message(raw))).toBe('duplicate');
    expect(handled).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['not json', 'unparseable'],
    [JSON.stringify({ hello: 'world' }), 'invalid-envelope'],
    [JSON.stringify({ ...event(), type: 'queue.ticket.teleported' }), 'unknown-event-type'],
    [JSON.stringify({ ...event(), version: 2 }), 'unsupported-version'],
    [JSON.stringify({ ...event(), payload: { ...payload, queueNumber: -1 } }), 'invalid-payload'],
  ])('dead-letters %s as %s and moves on', async (value, reason) => {
    const { inbox, letters, handled } = setup();
    expect(await inbox.receive(message(value))).toBe('dead-lettered');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      reason,
      consumer: 'unit',
      sourceTopic: 't',
      offset: '5',
      value,
    });
    expect(handled).not.toHaveBeenCalled();
  });

  it('dead-letters an oversized message before parsing it, keeping only an excerpt', async () => {
    const { inbox, letters, handled } = setup();
    const huge = JSON.stringify({
      ...event(),
      payload: { ...payload, poliName: 'x'.repeat(MAX_EVENT_BYTES) },
    });
    expect(await inbox.receive(message(huge))).toBe('dead-lettered');
    expect(handled).not.toHaveBeenCalled();
    expect(letters[0].reason).toBe('oversized');
    expect(letters[0].detail).toContain(String(MAX_EVENT_BYTES));
    expect(letters[0].value).toBe(huge.slice(0, OVERSIZED_EXCERPT_BYTES));
  });

  it('retries a failing handler, then dead-letters it with the error', async () => {
    const { inbox, letters, handled } = setup(() => Promise.reject(new Error('template missing')));
    expect(await inbox.receive(message(JSON.stringify(event())))).toBe('dead-lettered');
    expect(handled).toHaveBeenCalledTimes(2);
    expect(letters[0]).toMatchObject({ reason: 'handler-failed', detail: 'template missing' });
  });

  it('rethrows infrastructure outages so Kafka redelivers instead of dead-lettering', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const { inbox, letters } = setup(() => Promise.reject(outage));
    await expect(inbox.receive(message(JSON.stringify(event())))).rejects.toBe(outage);
    expect(letters).toHaveLength(0);
  });

  it("runs a prepared handler's slow step before the transaction and applies its result inside", async () => {
    const steps: string[] = [];
    const store: InboxStore<undefined> = {
      runOnce: async (_c, _id, apply) => {
        steps.push('begin');
        await apply(undefined);
        steps.push('commit');
        return true;
      },
    };
    const inbox = new EventInbox<'queue.ticket.booked', undefined>({
      consumer: 'unit',
      store,
      deadLetters: { publish: () => Promise.resolve() } as unknown as DeadLetterPublisher,
      handlers: {
        'queue.ticket.booked': {
          prepare: (e) => {
            steps.push(`fetch ${e.payload.bookingCode}`);
            return Promise.resolve(() => Promise.resolve(void steps.push('apply')));
          },
        },
      },
    });
    expect(await inbox.receive(message(JSON.stringify(event())))).toBe('handled');
    expect(steps).toEqual([`fetch ${payload.bookingCode}`, 'begin', 'apply', 'commit']);
  });

  it('rethrows a transient failure of the prepare step without opening the transaction', async () => {
    const outage = Object.assign(new Error('fetch failed'), { code: 'ECONNREFUSED' });
    const store = new MemoryStore();
    const letters: DeadLetter[] = [];
    const inbox = new EventInbox<'queue.ticket.booked', undefined>({
      consumer: 'unit',
      store,
      deadLetters: {
        publish: (l: DeadLetter) => Promise.resolve(void letters.push(l)),
      } as unknown as DeadLetterPublisher,
      handlers: { 'queue.ticket.booked': { prepare: () => Promise.reject(outage) } },
    });
    await expect(inbox.receive(message(JSON.stringify(event())))).rejects.toBe(outage);
    expect(store.seen.size).toBe(0);
    expect(letters).toHaveLength(0);
  });

  it('knows transient errors by code, message or cause', () => {
    expect(defaultIsTransient({ code: 'P1001' })).toBe(true);
    expect(defaultIsTransient(new Error('x', { cause: { code: 'ECONNRESET' } }))).toBe(true);
    expect(defaultIsTransient(new Error('Unique constraint failed'))).toBe(false);
  });
});

describe('buildEvent', () => {
  it('refuses a payload its schema rejects, so nothing invalid reaches the outbox', () => {
    expect(() =>
      buildEvent(
        'queue.ticket.booked',
        { ...payload, facilityCode: 'x' },
        { producer: 'p', correlationId: 'c', key: 'k' },
      ),
    ).toThrow();
  });

  it('refuses an event larger than consumers take, so it is never produced', () => {
    expect(() =>
      buildEvent(
        'queue.ticket.booked',
        { ...payload, poliName: 'x'.repeat(MAX_EVENT_BYTES) },
        { producer: 'p', correlationId: 'c', key: 'k' },
      ),
    ).toThrow(EventTooLargeError);
  });
});
