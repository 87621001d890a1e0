import { EventEmitter } from 'node:events';
import type { Consumer } from 'kafkajs';
import { onPermanentConsumerCrash } from './consumer-crash';

/** A stand-in with kafkajs's instrumentation event shape: `on(event, listener)`. */
function fakeConsumer() {
  const emitter = new EventEmitter();
  const events = { CRASH: 'consumer.crash' } as Consumer['events'];
  const consumer = {
    events,
    on: (event: string, listener: (e: unknown) => void) => {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
  } as unknown as Pick<Consumer, 'on' | 'events'>;
  const crash = (error: Error, restart: boolean) =>
    emitter.emit(events.CRASH, { payload: { error, groupId: 'g', restart } });
  return { consumer, crash };
}

describe('onPermanentConsumerCrash', () => {
  it('gives up when kafkajs will not restart the consumer', () => {
    const { consumer, crash } = fakeConsumer();
    const gaveUp: Error[] = [];
    onPermanentConsumerCrash(consumer, (e) => gaveUp.push(e));
    const fatal = new TypeError('reply.status is not a function');
    crash(fatal, false);
    expect(gaveUp).toEqual([fatal]);
  });

  it('lets kafkajs restart the consumer after a retriable crash', () => {
    const { consumer, crash } = fakeConsumer();
    const gaveUp: Error[] = [];
    onPermanentConsumerCrash(consumer, (e) => gaveUp.push(e));
    crash(new Error('broker away'), true);
    expect(gaveUp).toEqual([]);
  });
});
