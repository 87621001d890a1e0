import { Inject, Injectable } from '@nestjs/common';
import { InFlightLimit } from '@app/http';
import { QUEUE_CONFIG, type QueueConfig } from '../../config';

/** The bound on bookings this instance works on at once (BOOKING_MAX_IN_FLIGHT). */
@Injectable()
export class BookingAdmission extends InFlightLimit {
  constructor(@Inject(QUEUE_CONFIG) config: QueueConfig) {
    super(config.BOOKING_MAX_IN_FLIGHT);
  }
}
