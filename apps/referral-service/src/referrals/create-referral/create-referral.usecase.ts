import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventTypes } from '@app/contracts';
import { DomainError } from '@app/http';
import { ContactCipher, IdentityCipher, sealContact } from '@app/patient-data';
import { REFERRAL_CONFIG, type ReferralConfig } from '../../config';
import { ReferralDb } from '../../database/referral-db';
import { lookupIcd10 } from '../../diagnoses/icd10';
import { NonSpecialistList } from '../../diagnoses/non-specialist-list';
import { validateTacc, type Tacc } from '../../diagnoses/tacc';
import { ReferralErrorCode } from '../../errors';
import { FacilityDirectory } from '../../facilities/facility-directory';
import type { Referral } from '../../generated/prisma/client';
import { patientRefOf, type PatientIdentifier } from '../../patients/patient-ref';
import { sealReferralIdentity } from '../../patients/referral-identity';
import { addDays, asDate, todayIn } from '../referral-dates';
import { referralEvent } from '../referral-events';
import { allocateReferralNumber } from '../referral-number';
import { ReferralStore } from '../referral-store';
import type { CreateReferralRequest } from './create-referral.request';
import {
  checkReplay,
  creationRequestHash,
  isUniqueViolation,
  scopedIdempotencyKey,
} from './creation-idempotency';

export interface CreateReferralContext {
  correlationId: string;
  /** The client's Idempotency-Key header, when it sent one. */
  idempotencyKey?: string;
}

export interface CreateReferralResult {
  referral: Referral;
  /** False when an earlier request with the same Idempotency-Key already made this referral. */
  created: boolean;
}

/**
 * Creations from one FKTP queue on its serial row; a burst (e.g. one retried request arriving many
 * times at once) waits its turn instead of failing on Prisma's 2 s / 5 s transaction defaults.
 */
const CREATE_TX = { maxWait: 10_000, timeout: 15_000 } as const;

/**
 * An FKTP doctor refers a patient: the diagnosis is checked against ICD-10 and the FKTP's own
 * list (TACC needed for those), the destination against what the hospital offers; the referral
 * gets its national number, is valid for 90 days and is sent (`referral.sent`) to the hospital.
 * With an Idempotency-Key the key is stored on the referral in the same transaction (unique per
 * FKTP), so a retried request answers the same referral and never makes a second one.
 */
@Injectable()
export class CreateReferral {
  constructor(
    private readonly db: ReferralDb,
    private readonly store: ReferralStore,
    private readonly nonSpecialist: NonSpecialistList,
    private readonly facilities: FacilityDirectory,
    private readonly cipher: IdentityCipher,
    private readonly contacts: ContactCipher,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  async execute(
    req: CreateReferralRequest,
    ctx: CreateReferralContext,
  ): Promise<CreateReferralResult> {
    const scopedKey = scopedIdempotencyKey(req.originFacilityCode, ctx.idempotencyKey);
    const requestHash = creationRequestHash(req);
    // A replay answers before any rule is checked again: the referral stands even if, say, the
    // planned date is no longer valid on the day the client retries.
    if (scopedKey) {
      const earlier = await this.db.referral.findUnique({ where: { idempotencyKey: scopedKey } });
      if (earlier) return replay(earlier, requestHash);
    }
    try {
      const referral = await this.create(req, ctx.correlationId, scopedKey, requestHash);
      return { referral, created: true };
    } catch (e) {
      // A concurrent request with the same key committed first: its transaction won, ours rolled
      // back (serial number included), and we answer with its referral.
      if (!scopedKey || !isUniqueViolation(e)) throw e;
      const earlier = await this.db.referral.findUnique({ where: { idempotencyKey: scopedKey } });
      if (!earlier) throw e;
      return replay(earlier, requestHash);
    }
  }

  private async create(
    req: CreateReferralRequest,
    correlationId: string,
    scopedKey: string | null,
    requestHash: string,
  ): Promise<Referral> {
    const patient = identifierOf(req);
    const dest = req.destination;
    if (dest.facilityCode === req.originFacilityCode) {
      throw new DomainError(
        ReferralErrorCode.SameFacility,
        'Faskes tujuan sama dengan faskes asal.',
      );
    }
    await this.facilities.requirePoli(dest.facilityCode, dest.poliCode, dest.subspecialty);
    const origin = await this.facilities.find(req.originFacilityCode);
    const diagnosis = lookupIcd10(req.diagnosisCode);
    const ownCase = await this.nonSpecialist.match(diagnosis.code);
    const tacc = this.checkTacc(req.tacc, ownCase?.code, diagnosis.code);

    const now = new Date();
    const referralDate = todayIn(this.config.TIMEZONE, now);
    const validUntil = addDays(referralDate, this.config.REFERRAL_VALIDITY_DAYS);
    if (req.plannedVisitDate < referralDate || req.plannedVisitDate > validUntil) {
      throw new DomainError(
        ReferralErrorCode.InvalidDate,
        `Rencana kunjungan harus antara ${referralDate} dan ${validUntil} (masa berlaku rujukan).`,
        { referralDate, validUntil },
      );
    }
    const letter = origin?.type === 'FKRTL' ? 'B' : 'P';

    const id = randomUUID();
    const patientRef = patientRefOf(patient, this.config.PATIENT_REF_SECRET);
    // Sealed before the transaction: encryption is CPU work that need not hold the serial row.
    const sealed = sealReferralIdentity(this.cipher, id, req.patient);
    const sealedContact = sealContact(this.contacts, patientRef, { phone: req.patient.phone });
    const created = await this.db.$transaction(async (tx) => {
      const number = await allocateReferralNumber(tx, req.originFacilityCode, referralDate, letter);
      const referral = await tx.referral.create({
        data: {
          id,
          number,
          originFacilityCode: req.originFacilityCode,
          destinationFacilityCode: dest.facilityCode,
          poliCode: dest.poliCode,
          subspecialty: dest.subspecialty ?? null,
          patientRef,
          ...sealed,
          diagnosisCode: diagnosis.code,
          diagnosisName: diagnosis.name,
          nonSpecialist: ownCase !== undefined,
          taccCode: tacc?.code ?? null,
          taccReason: tacc?.reason ?? null,
          referralType: req.referralType,
          serviceType: req.serviceType,
          referralDate: asDate(referralDate),
          plannedVisitDate: asDate(req.plannedVisitDate),
          validUntil: asDate(validUntil),
          notes: req.notes ?? null,
          referringDoctor: req.referringDoctor,
          status: 'sent',
          idempotencyKey: scopedKey,
          requestHash: scopedKey ? requestHash : null,
          createdAt: now,
          updatedAt: now,
        },
      });
      await tx.referralHistory.create({
        data: { referralId: referral.id, toStatus: 'sent', at: now },
      });
      const event = referralEvent(
        EventTypes.ReferralSent,
        {
          referralId: referral.id,
          referralNumber: number,
          originFacilityCode: referral.originFacilityCode,
          destinationFacilityCode: referral.destinationFacilityCode,
          poliCode: referral.poliCode,
          patientRef: referral.patientRef,
          referralDate,
          plannedVisitDate: req.plannedVisitDate,
          validUntil,
          serviceType: req.serviceType,
          referralType: req.referralType,
          diagnosis,
          nonSpecialist: ownCase !== undefined,
          ...(tacc ? { tacc } : {}),
          ...(req.notes ? { notes: req.notes } : {}),
          // The hospital desk needs the name; the phone is sealed for notification-service.
          patient: {
            name: req.patient.name,
            ...(sealedContact ? { sealedContact, locale: 'id' as const } : {}),
          },
          referringDoctor: req.referringDoctor,
          sentAt: now.toISOString(),
        },
        referral,
        correlationId,
        now,
      );
      await this.store.publishIn(tx, event, referral.id);
      return referral;
    }, CREATE_TX);
    this.store.afterCommit();
    return created;
  }

  private checkTacc(
    given: Tacc | undefined,
    ownEntry: string | undefined,
    code: string,
  ): Tacc | undefined {
    const justified = given && given.code !== -1 ? validateTacc(given) : undefined;
    if (ownEntry !== undefined && !justified) {
      throw new DomainError(
        ReferralErrorCode.TaccRequired,
        `Diagnosis ${code} termasuk kompetensi FKTP (non-spesialistik). Rujukan hanya bisa dengan alasan TACC (Time, Age, Complication, Comorbidity).`,
        { diagnosisCode: code, listEntry: ownEntry },
      );
    }
    return justified;
  }
}

function replay(earlier: Referral, requestHash: string): CreateReferralResult {
  checkReplay(earlier, requestHash);
  return { referral: earlier, created: false };
}

function identifierOf(req: CreateReferralRequest): PatientIdentifier {
  if (req.patient.nik) return { kind: 'nik', value: req.patient.nik };
  if (req.patient.cardNumber) return { kind: 'card', value: req.patient.cardNumber };
  throw new DomainError(
    ReferralErrorCode.PatientIdentifierMissing,
    'Isi NIK (16 digit) atau nomor kartu JKN (13 digit) pasien.',
  );
}
