import type { KafkaContext } from '@nestjs/microservices';
import type { InboundMessage } from './event-inbox';

/** Converts what Nest's Kafka transport hands a handler into the inbox's transport-free form. */
export function inboundFromKafka(ctx: KafkaContext): InboundMessage {
  const message = ctx.getMessage();
  const key = message.key;
  return {
    topic: ctx.getTopic(),
    partition: ctx.getPartition(),
    offset: message.offset,
    key: key === null || key === undefined ? null : String(key),
    value: message.value ?? null,
  };
}
