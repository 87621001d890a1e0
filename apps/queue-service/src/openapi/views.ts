import { z } from 'zod';
import { STATIONS } from '@app/contracts';
import type { CounterInfo } from '../calling/counter-directory';
import type { FacilityKpis } from '../kpis/facility-kpis.usecase';
import type { DistrictKpis } from '../kpis/district-kpis/district-kpis.usecase';
import type { DistrictSummary } from '../kpis/districts.controller';
import type { CounterQueue } from '../calling/counter-queue.usecase';
import type { FacilityBoard } from '../live/facility-board.usecase';
import type { TicketHistory } from '../tickets/read-ticket/read-ticket.usecase';
import type { TicketStatus } from '../tickets/ticket-status/ticket-status.usecase';
import type { OwnedTicketView, TicketView } from '../tickets/ticket.view';

// Response schemas: `satisfies` makes the compiler hold each against the type the controller returns.

export const ticketView = z.object({
  ticketId: z.string(),
  bookingCode: z.string().describe('kodebooking'),
  facilityCode: z.string(),
  poliCode: z.string(),
  serviceDate: z.iso.date().describe('tanggalperiksa'),
  queueNumber: z.number().int().describe('angkaantrean'),
  displayNumber: z.string().describe('nomorantrean'),
  status: z.string(),
  station: z.string().nullable(),
  source: z.string(),
  doctorCode: z.string().nullable(),
  practiceHours: z.string().nullable().describe('jampraktek'),
  patientType: z.string(),
  visitType: z.number().int().nullable().describe('jeniskunjungan'),
  referenceNumber: z.string().nullable().describe('nomorreferensi'),
  priority: z.boolean(),
  priorityReason: z.string().nullable(),
  counterCode: z.string().nullable(),
  bookedAt: z.iso.datetime(),
}) satisfies z.ZodType<TicketView>;

export const ownedTicketView = ticketView.extend({
  patientRef: z
    .string()
    .describe(
      'pseudonim pasien (HMAC), untuk token pasien di gateway; tidak diteruskan ke browser',
    ),
}) satisfies z.ZodType<OwnedTicketView>;

export const ticketStatus = z.object({
  bookingCode: z.string(),
  displayNumber: z.string(),
  status: z.string(),
  station: z.string().nullable(),
  poliCode: z.string(),
  ahead: z.number().int().nullable().describe('sisaantrean'),
  nowCalled: z.string().nullable().describe('antreanpanggil'),
  estimatedCallAt: z.iso.datetime().nullable().describe('estimasidilayani'),
  estimatedWaitMinutes: z.number().nullable().describe('waktutunggu'),
  remainingQuota: z.object({ jkn: z.number().int(), nonJkn: z.number().int() }).nullable(),
}) satisfies z.ZodType<TicketStatus>;

export const ticketHistory = z.object({
  ticket: ticketView,
  tasks: z.array(z.object({ taskId: z.number().int(), at: z.number().describe('epoch ms') })),
  transitions: z.array(
    z.object({
      type: z.string(),
      station: z.string().nullable(),
      counterCode: z.string().nullable(),
      at: z.iso.datetime(),
      data: z.unknown(),
    }),
  ),
}) satisfies z.ZodType<TicketHistory>;

export const facilityBoard = z.object({
  facilityCode: z.string(),
  facilityName: z.string().nullable(),
  serviceDate: z.iso.date(),
  nowCalled: z.array(
    z.object({
      counterCode: z.string(),
      counterName: z.string(),
      ticketId: z.string(),
      displayNumber: z.string(),
      station: z.string(),
      poliCode: z.string(),
      status: z.string(),
      at: z.iso.datetime(),
    }),
  ),
  queues: z.array(
    z.object({
      station: z.string(),
      poliCode: z.string(),
      poliName: z.string(),
      waiting: z.number().int(),
      next: z.array(z.string()),
    }),
  ),
}) satisfies z.ZodType<FacilityBoard>;

const ratio = z.number().nullable();
const kpiCounts = z.object({
  tickets: z.number().int(),
  checkedIn: z.number().int(),
  noShows: z.number().int(),
  noShowRate: ratio,
  cancelled: z.number().int(),
  online: z.number().int(),
  walkIn: z.number().int(),
  onlineShare: ratio,
  quota: z.number().int(),
  quotaUsed: z.number().int(),
  quotaUse: ratio,
  stations: z.array(
    z.object({
      station: z.enum(STATIONS),
      meanWaitMinutes: z.number().nullable(),
      meanServiceMinutes: z.number().nullable(),
      served: z.number().int(),
    }),
  ),
});
export const facilityKpis = z.object({
  facilityCode: z.string(),
  date: z.iso.date(),
  poliCode: z.string().nullable(),
  ...kpiCounts.shape,
}) satisfies z.ZodType<FacilityKpis>;

export const districtKpis = z.object({
  district: z.string(),
  date: z.iso.date(),
  facilities: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      type: z.string(),
      address: z.string().nullable(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      ...kpiCounts.shape,
    }),
  ),
}) satisfies z.ZodType<DistrictKpis>;

export const districtSummary = z.object({
  district: z.string(),
  facilities: z.number().int(),
}) satisfies z.ZodType<DistrictSummary>;

export const counterInfo = z.object({
  facilityCode: z.string(),
  code: z.string(),
  name: z.string(),
  station: z.enum(STATIONS),
  poliCodes: z.array(z.string()),
}) satisfies z.ZodType<CounterInfo>;

export const counterQueue = z.object({
  counter: counterInfo,
  serviceDate: z.iso.date(),
  current: ticketView.nullable(),
  waitingCount: z.number().int(),
  waiting: z.array(ticketView),
}) satisfies z.ZodType<CounterQueue>;

export const facilitySummary = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  district: z.string(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  polis: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      prefix: z.string(),
      subspecialties: z.array(z.string()),
    }),
  ),
});

export const sessionView = z.object({
  doctorCode: z.string(),
  doctorName: z.string(),
  practiceHours: z.string(),
  absent: z.boolean(),
  quotaJkn: z.number().int(),
  quotaNonJkn: z.number().int(),
  remainingJkn: z.number().int(),
  remainingNonJkn: z.number().int(),
});
