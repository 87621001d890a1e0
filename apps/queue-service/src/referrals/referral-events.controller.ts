import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topic } from '@app/contracts';
import { inboundFromKafka } from '@app/messaging';
import { QueueInbox } from './queue-inbox';

/** Kafka adapter: accepted referrals become hospital tickets. */
@Controller()
export class ReferralEventsController {
  constructor(private readonly inbox: QueueInbox) {}

  @EventPattern(Topic.ReferralReferrals)
  async onReferralEvent(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.inbox.receive(inboundFromKafka(ctx));
  }
}
