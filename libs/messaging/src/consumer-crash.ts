import type { Consumer } from 'kafkajs';

/**
 * Calls `giveUp` when the consumer has crashed and kafkajs will not restart it (it restarts only
 * after errors it deems retriable; any other error stops the consumer for good, while the process
 * and its health checks carry on as if nothing happened). A service that can no longer read its
 * events should exit and be restarted rather than keep answering HTTP and never notify anyone.
 */
export function onPermanentConsumerCrash(
  consumer: Pick<Consumer, 'on' | 'events'>,
  giveUp: (error: Error) => void,
): void {
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) giveUp(event.payload.error);
  });
}
