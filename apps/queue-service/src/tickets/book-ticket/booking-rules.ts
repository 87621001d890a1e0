import { DomainError } from '@app/http';
import { QueueErrorCode } from '../../errors';
import type { PatientIdentifier } from '../patient-ref';
import type { BookTicketRequest } from './book-ticket.request';

/** Rules that depend on the request alone, checked before anything is allocated. */
export function checkRequestRules(r: BookTicketRequest): {
  identifier: PatientIdentifier | null;
  patientType: 'JKN' | 'NON_JKN';
} {
  const identifier: PatientIdentifier | undefined = r.patient.nik
    ? { kind: 'nik', value: r.patient.nik }
    : r.patient.cardNumber
      ? { kind: 'card', value: r.patient.cardNumber }
      : undefined;
  if (!identifier) {
    throw new DomainError(
      QueueErrorCode.PatientIdentifierMissing,
      'Isi NIK (16 digit) atau nomor kartu JKN (13 digit) pasien.',
    );
  }
  const patientType = r.patientType ?? (r.patient.cardNumber ? 'JKN' : 'NON_JKN');
  if (patientType === 'JKN' && !r.patient.cardNumber) {
    throw new DomainError(
      QueueErrorCode.CardRequiredForJkn,
      'Pasien JKN wajib menyertakan nomor kartu JKN (13 digit).',
    );
  }
  if ((r.source === 'online' || r.source === 'mobile-jkn') && !r.patient.phone) {
    throw new DomainError(
      QueueErrorCode.PhoneRequired,
      'Pemesanan online wajib menyertakan nomor HP pasien.',
    );
  }
  if (r.visitType !== undefined && r.visitType !== 2 && !r.referenceNumber) {
    throw new DomainError(
      QueueErrorCode.ReferenceRequired,
      'Kunjungan rujukan atau kontrol wajib menyertakan nomor rujukan / surat kontrol.',
    );
  }
  return { identifier, patientType };
}
