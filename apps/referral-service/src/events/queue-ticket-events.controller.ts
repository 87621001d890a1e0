import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topic } from '@app/contracts';
import { inboundFromKafka } from '@app/messaging';
import { ReferralInbox } from './referral-inbox';

/** Kafka adapter: queue-service's ticket events feed hospital load and referral bookings. */
@Controller()
export class QueueTicketEventsController {
  constructor(private readonly inbox: ReferralInbox) {}

  @EventPattern(Topic.QueueTickets)
  async onTicketEvent(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.inbox.receive(inboundFromKafka(ctx));
  }
}
