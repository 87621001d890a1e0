import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topic } from '@app/contracts';
import { inboundFromKafka } from '@app/messaging';
import { Dispatcher } from '../delivery/dispatcher/dispatcher';
import { NotificationInbox } from './notification-inbox';

/** Kafka adapter: every message on the ticket and referral topics goes through the inbox. */
@Controller()
export class NotificationEventsController {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly dispatcher: Dispatcher,
  ) {}

  @EventPattern(Topic.QueueTickets)
  async onTicketEvent(@Ctx() ctx: KafkaContext): Promise<void> {
    if ((await this.inbox.receive(inboundFromKafka(ctx))) === 'handled') this.dispatcher.kick();
  }

  @EventPattern(Topic.ReferralReferrals)
  async onReferralEvent(@Ctx() ctx: KafkaContext): Promise<void> {
    if ((await this.inbox.receive(inboundFromKafka(ctx))) === 'handled') this.dispatcher.kick();
  }
}
