import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topic } from '@app/contracts';
import { inboundFromKafka } from '@app/messaging';
import { LiveInbox } from './live-inbox';
import { ReferralLiveInbox } from './referral-live-inbox';

/** Kafka adapter: queue and referral events on their way to browsers. */
@Controller()
export class LiveEventsController {
  constructor(
    private readonly inbox: LiveInbox,
    private readonly referrals: ReferralLiveInbox,
  ) {}

  @EventPattern(Topic.QueueTickets)
  async onTicketEvent(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.inbox.receive(inboundFromKafka(ctx));
  }

  @EventPattern(Topic.ReferralReferrals)
  async onReferralEvent(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.referrals.receive(inboundFromKafka(ctx));
  }
}
