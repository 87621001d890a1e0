import { z } from 'zod';
import { FACILITY_CODE } from '../envelope';

/** queue-service could not book the ticket a referral asked for (quota full, no schedule, ...). */
export const referralBookingRejectedV1 = z
  .object({
    referralId: z.uuid(),
    referralNumber: z.string(),
    facilityCode: FACILITY_CODE,
    errorCode: z.string(),
    reason: z.string(),
    at: z.iso.datetime({ offset: true }),
  })
  .strict();
