import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topic } from '@app/contracts';
import { inboundFromKafka } from '@app/messaging';
import { LiveInbox } from './live-inbox';

/** Kafka adapter: queue events on their way to browsers. */
@Controller()
export class LiveEventsController {
  constructor(private readonly inbox: LiveInbox) {}

  @EventPattern(Topic.QueueTickets)
  async onTicketEvent(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.inbox.receive(inboundFromKafka(ctx));
  }
}
