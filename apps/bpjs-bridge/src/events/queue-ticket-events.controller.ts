import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topic } from '@app/contracts';
import { inboundFromKafka } from '@app/messaging';
import { BridgeInbox } from './bridge-inbox';

/** Kafka adapter: queue-service's ticket events become Antrol calls. */
@Controller()
export class QueueTicketEventsController {
  constructor(private readonly inbox: BridgeInbox) {}

  @EventPattern(Topic.QueueTickets)
  async onTicketEvent(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.inbox.receive(inboundFromKafka(ctx));
  }
}
