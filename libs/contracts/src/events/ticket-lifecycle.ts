import { z } from 'zod';
import { counterRef, ISO_TIME, station, ticketRef } from './common';

/** A ticket was checked in at the facility (task 1 or 3 begins). */
export const ticketCheckedInV1 = z.object({ ...ticketRef, checkedInAt: ISO_TIME }).strict();

/** A counter called the ticket ("Nomor ANA-007 silakan ke Poli Anak ruang 2"). */
export const ticketCalledV1 = z
  .object({
    ...ticketRef,
    counter: counterRef,
    callCount: z.number().int().positive(),
    calledAt: ISO_TIME,
  })
  .strict();

/** The same counter called it again. */
export const ticketRecalledV1 = ticketCalledV1;

/** Not there when called; `returnedToQueue` when it goes back in line instead of ending. */
export const ticketNoShowV1 = z
  .object({
    ...ticketRef,
    station,
    counter: counterRef,
    returnedToQueue: z.boolean(),
    at: ISO_TIME,
  })
  .strict();

export const ticketServiceStartedV1 = z
  .object({ ...ticketRef, station, counter: counterRef, at: ISO_TIME })
  .strict();

export const ticketServiceFinishedV1 = z
  .object({
    ...ticketRef,
    station,
    counter: counterRef,
    at: ISO_TIME,
    durationSeconds: z.number().nonnegative(),
  })
  .strict();

/** Sent on to the next station (admisi → poli → farmasi), remembering where from. */
export const ticketTransferredV1 = z
  .object({
    ...ticketRef,
    fromStation: station,
    toStation: station,
    toPoliCode: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    at: ISO_TIME,
  })
  .strict();

export const ticketCancelledV1 = z
  .object({
    ...ticketRef,
    reason: z.string().min(1).max(500),
    by: z.enum(['patient', 'staff', 'system']),
    at: ISO_TIME,
  })
  .strict();

/** Never checked in (or never served) by the end of its session. */
export const ticketExpiredV1 = z.object({ ...ticketRef, at: ISO_TIME }).strict();

/** Now `position`-th in line at `station` (sent once per threshold crossing). */
export const ticketApproachingV1 = z
  .object({
    ...ticketRef,
    station,
    position: z.number().int().positive(),
    estimatedCallAt: ISO_TIME.optional(),
  })
  .strict();

/** A BPJS task id timestamp (1–7, 99), in order, recorded by the server. */
export const TASK_IDS = [1, 2, 3, 4, 5, 6, 7, 99] as const;
export const ticketTaskRecordedV1 = z
  .object({
    ...ticketRef,
    taskId: z.union(
      TASK_IDS.map((n) => z.literal(n)) as [z.ZodLiteral<1>, ...z.ZodLiteral<number>[]],
    ),
    /** Epoch milliseconds, as Antrol wants it. */
    at: z.number().int().positive(),
  })
  .strict();

/** A doctor's session will not take place: every affected ticket is listed so each patient is told. */
export const doctorAbsentV1 = z
  .object({
    facilityCode: z.string(),
    poliCode: z.string(),
    doctorCode: z.string(),
    doctorName: z.string(),
    serviceDate: z.iso.date(),
    reason: z.string().max(500),
    affected: z.array(z.object({ ...ticketRef }).strict()),
  })
  .strict();

export type TicketCalledV1 = z.infer<typeof ticketCalledV1>;
export type TicketApproachingV1 = z.infer<typeof ticketApproachingV1>;
export type TicketTaskRecordedV1 = z.infer<typeof ticketTaskRecordedV1>;
