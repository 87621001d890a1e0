import { Inject, Injectable } from '@nestjs/common';
import { QUEUE_CONFIG, type QueueConfig } from '../../config';
import { QueueDb } from '../../database/queue-db';
import { patientRefOf } from '../../tickets/patient-ref';
import { violatedConstraint } from '../../tickets/ticket.repository';
import { WsrsRefusal } from '../wsrs-response';

export interface WsrsPatientRow {
  facilityCode: string;
  norm: string;
  nikRef: string;
  cardRef: string;
}

/**
 * The facility's register of Mobile JKN patients and their medical record numbers (norm).
 * Privacy choice: the NIK and card number are never stored, only their HMAC references (the same
 * PATIENT_REF_SECRET scheme as `ticket.patient_ref`), which is enough to recognise the patient on
 * the next call. The demographic fields of `pasienbaru` (name, address, KK…) are validated but
 * not kept: the hospital's own SIMRS is the medical record; this service only queues.
 */
@Injectable()
export class WsrsPatients {
  constructor(
    private readonly db: QueueDb,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  refs(nik: string, card: string): { nikRef: string; cardRef: string } {
    const secret = this.config.PATIENT_REF_SECRET;
    return {
      nikRef: patientRefOf({ kind: 'nik', value: nik }, secret),
      cardRef: patientRefOf({ kind: 'card', value: card }, secret),
    };
  }

  cardRef(card: string): string {
    return patientRefOf({ kind: 'card', value: card }, this.config.PATIENT_REF_SECRET);
  }

  /** The registered patient with this NIK or this card number, if any. */
  find(facilityCode: string, nik: string, card: string): Promise<WsrsPatientRow | null> {
    const { nikRef, cardRef } = this.refs(nik, card);
    return this.db.wsrsPatient.findFirst({
      where: { facilityCode, OR: [{ nikRef }, { cardRef }] },
      orderBy: { createdAt: 'asc' },
    });
  }

  /** pasienbaru: a new norm, facility-wide sequence, 8 digits. */
  async register(facilityCode: string, nik: string, card: string): Promise<WsrsPatientRow> {
    if (await this.find(facilityCode, nik, card)) {
      throw new WsrsRefusal('Data Peserta Sudah Pernah Dientrikan');
    }
    const refs = this.refs(nik, card);
    for (let attempt = 0; attempt < 5; attempt++) {
      const count = await this.db.wsrsPatient.count({ where: { facilityCode } });
      const norm = String(count + 1 + attempt).padStart(8, '0');
      try {
        return await this.db.wsrsPatient.create({ data: { facilityCode, norm, ...refs } });
      } catch (e) {
        if (!violatedConstraint(e)) throw e;
        if (await this.find(facilityCode, nik, card)) {
          throw new WsrsRefusal('Data Peserta Sudah Pernah Dientrikan');
        }
      }
    }
    throw new WsrsRefusal('Nomor rekam medis belum bisa dibuat, silakan coba lagi');
  }
}
