import { z } from 'zod';
import { FACILITY_CODE } from '../envelope';
import { POLI_CODE, station } from './common';

/**
 * The whole master record of one facility, published on the compacted facilities topic whenever
 * it changes: the latest message per facility code is the current state, so other services keep
 * their own read model (referral-service ranks destinations with it).
 */
export const facilityUpsertedV1 = z
  .object({
    code: FACILITY_CODE,
    name: z.string(),
    type: z.enum(['FKTP', 'FKRTL']),
    district: z.string(),
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    polis: z.array(
      z
        .object({
          code: POLI_CODE,
          name: z.string(),
          prefix: z.string(),
          /** BPJS sub-specialty codes served under this poli. */
          subspecialties: z.array(z.string()).default([]),
        })
        .strict(),
    ),
    doctors: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          poliCode: POLI_CODE,
          schedules: z.array(
            z
              .object({
                dayOfWeek: z.number().int().min(1).max(8),
                start: z.string(),
                end: z.string(),
                quotaJkn: z.number().int().nonnegative(),
                quotaNonJkn: z.number().int().nonnegative(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    counters: z
      .array(
        z
          .object({ code: z.string(), name: z.string(), station, poliCodes: z.array(POLI_CODE) })
          .strict(),
      )
      .default([]),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .strict();

export type FacilityUpsertedV1 = z.infer<typeof facilityUpsertedV1>;
