import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { QueueDb } from '../database/queue-db';
import { QueueErrorCode } from '../errors';
import { IdentityCipher } from '@app/patient-data';
import { IDENTITY_FIELDS, openIdentity } from './patient-identity';

/** Who reads and why: both go to the audit table with every read. */
export interface IdentityReader {
  accessor: string;
  purpose: string;
}

/** A ticket's identifiers, in BPJS's words. null = not given at booking. */
export interface PatientIdentityView {
  bookingCode: string;
  patientType: 'JKN' | 'NON_JKN';
  nik: string | null;
  nomorkartu: string | null;
  nohp: string | null;
  norm: string | null;
}

/**
 * Reads and decrypts a ticket's identifiers. The audit row (who, which ticket, which fields, why,
 * when) is written in the same transaction before anything is returned: no read without a trace.
 */
@Injectable()
export class ReadPatientIdentity {
  constructor(
    private readonly db: QueueDb,
    private readonly cipher: IdentityCipher,
  ) {}

  async execute(bookingCode: string, reader: IdentityReader): Promise<PatientIdentityView> {
    return this.db.$transaction(async (tx) => {
      const ticket = await tx.ticket.findUnique({
        where: { bookingCode },
        select: { id: true, patientType: true, identity: true },
      });
      if (!ticket)
        throw new DomainError(
          QueueErrorCode.TicketNotFound,
          `Tiket ${bookingCode} tidak ditemukan.`,
        );
      if (!ticket.identity) {
        throw new DomainError(
          QueueErrorCode.IdentityNotFound,
          `Tiket ${bookingCode} tidak menyimpan identitas pasien (mis. dipesan dari rujukan).`,
        );
      }
      const ids = openIdentity(this.cipher, ticket.identity);
      await tx.identityAccess.create({
        data: {
          ticketId: ticket.id,
          accessor: reader.accessor,
          purpose: reader.purpose,
          fields: IDENTITY_FIELDS.filter((f) => ids[f] !== null),
        },
      });
      return {
        bookingCode,
        patientType: ticket.patientType === 'JKN' ? 'JKN' : 'NON_JKN',
        nik: ids.nik,
        nomorkartu: ids.cardNumber,
        nohp: ids.phone,
        norm: ids.norm,
      };
    });
  }
}
