import {
  AntrolPath,
  type AntreanAddRequest,
  type BatalRequest,
  type FarmasiAddRequest,
  type UpdateWaktuRequest,
} from '@app/bpjs';
import type { EventPayload } from '@app/contracts';

/** One Antrol call to make, before it is stored. */
export interface PlannedCall {
  facilityCode: string;
  kodebooking: string;
  kind: 'add' | 'updatewaktu' | 'batal' | 'farmasi-add';
  taskId: number | null;
  dedupeKey: string;
  path: string;
  body: AntreanAddRequest | UpdateWaktuRequest | BatalRequest | FarmasiAddRequest;
}

/**
 * antrean/add from a booking. Events identify patients by a pseudonymous patientRef only, so
 * nomorkartu, nik, nohp and norm are added at send time from queue-service (patient-identity.ts)
 * and never stored here. Left out: the quota counts, and pasienbaru (unknown at booking: sent as
 * 0; task 1 later shows a new patient).
 */
export function addCall(e: EventPayload<'queue.ticket.booked'>): PlannedCall {
  const body: AntreanAddRequest = {
    kodebooking: e.bookingCode,
    jenispasien: e.patientType === 'JKN' ? 'JKN' : 'NON JKN',
    kodepoli: e.poliCode,
    namapoli: e.poliName,
    pasienbaru: 0,
    tanggalperiksa: e.serviceDate,
    ...(e.doctorCode !== undefined && { kodedokter: e.doctorCode }),
    ...(e.doctorName !== undefined && { namadokter: e.doctorName }),
    ...(e.practiceHours !== undefined && { jampraktek: e.practiceHours }),
    ...(e.visitType !== undefined && { jeniskunjungan: e.visitType }),
    ...(e.referenceNumber !== undefined && { nomorreferensi: e.referenceNumber }),
    nomorantrean: e.displayNumber,
    angkaantrean: e.queueNumber,
    estimasidilayani: Date.parse(e.estimatedServiceAt ?? e.bookedAt),
    keterangan: 'Peserta harap 30 menit lebih awal guna pencatatan administrasi.',
  };
  return plan(e.facilityCode, e.bookingCode, 'add', null, 'add', AntrolPath.Add, body);
}

export function taskCall(e: EventPayload<'queue.ticket.task-recorded'>): PlannedCall {
  const body: UpdateWaktuRequest = { kodebooking: e.bookingCode, taskid: e.taskId, waktu: e.at };
  return plan(
    e.facilityCode,
    e.bookingCode,
    'updatewaktu',
    e.taskId,
    `task:${e.taskId}`,
    AntrolPath.UpdateWaktu,
    body,
  );
}

export function batalCall(
  e: { facilityCode: string; bookingCode: string },
  keterangan: string,
): PlannedCall {
  const body: BatalRequest = { kodebooking: e.bookingCode, keterangan: keterangan.slice(0, 500) };
  return plan(e.facilityCode, e.bookingCode, 'batal', null, 'batal', AntrolPath.Batal, body);
}

/**
 * antrean/farmasi/add when a ticket is sent on to the pharmacy. Whether the prescription is
 * compounded (racikan) is not known here: sent as "non racikan".
 */
export function farmasiCall(e: EventPayload<'queue.ticket.transferred'>): PlannedCall | null {
  if (e.toStation !== 'farmasi') return null;
  const number = Number(/(\d+)\D*$/.exec(e.displayNumber)?.[1] ?? '0');
  const body: FarmasiAddRequest = {
    kodebooking: e.bookingCode,
    jenisresep: 'non racikan',
    nomorantrean: number > 0 ? number : 1,
    keterangan: '',
  };
  return plan(
    e.facilityCode,
    e.bookingCode,
    'farmasi-add',
    null,
    'farmasi',
    AntrolPath.FarmasiAdd,
    body,
  );
}

function plan(
  facilityCode: string,
  kodebooking: string,
  kind: PlannedCall['kind'],
  taskId: number | null,
  dedupeKey: string,
  path: string,
  body: PlannedCall['body'],
): PlannedCall {
  return { facilityCode, kodebooking, kind, taskId, dedupeKey, path, body };
}
