import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topic } from '@app/contracts';
import { inboundFromKafka } from '@app/messaging';
import { NotificationInbox } from './notification-inbox';

/** Kafka adapter: every message on the ticket topic goes through the inbox. */
@Controller()
export class QueueTicketEventsController {
  constructor(private readonly inbox: NotificationInbox) {}

  @EventPattern(Topic.QueueTickets)
  async onTicketEvent(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.inbox.receive(inboundFromKafka(ctx));
  }
}
