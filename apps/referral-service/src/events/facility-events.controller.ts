import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topic } from '@app/contracts';
import { inboundFromKafka } from '@app/messaging';
import { ReferralInbox } from './referral-inbox';

/** Kafka adapter: facility master data (compacted topic) feeds the facility read model. */
@Controller()
export class FacilityEventsController {
  constructor(private readonly inbox: ReferralInbox) {}

  @EventPattern(Topic.QueueFacilities)
  async onFacilityEvent(@Ctx() ctx: KafkaContext): Promise<void> {
    await this.inbox.receive(inboundFromKafka(ctx));
  }
}
