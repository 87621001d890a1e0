import { Inject, Injectable } from '@nestjs/common';
import { EventTypes } from '@app/contracts';
import { DomainError } from '@app/http';
import { REFERRAL_CONFIG, type ReferralConfig } from '../../config';
import { ReferralErrorCode } from '../../errors';
import { FacilityDirectory } from '../../facilities/facility-directory';
import type { Referral } from '../../generated/prisma/client';
import { asDate, dateOnly, todayIn } from '../referral-dates';
import { referralRefOf } from '../referral-events';
import { ReferralStore } from '../referral-store';
import type {
  AcceptReferralRequest,
  DeclineReferralRequest,
  ForwardReferralRequest,
} from './respond.requests';

/** The hospital referral desk: opens, accepts (a date, poli, doctor), declines or forwards. */
@Injectable()
export class RespondToReferral {
  constructor(
    private readonly store: ReferralStore,
    private readonly facilities: FacilityDirectory,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  receive(id: string, correlationId: string): Promise<Referral> {
    return this.store.transition({
      id,
      action: 'receive',
      correlationId,
      event: (r, at) => ({
        type: EventTypes.ReferralReceived,
        payload: { ...referralRefOf(r), at: at.toISOString() },
      }),
    });
  }

  /** Accepting asks queue-service (through `referral.accepted`) to book the hospital ticket. */
  async accept(id: string, req: AcceptReferralRequest, correlationId: string): Promise<Referral> {
    const current = await this.store.require(id);
    this.store.ensureAllowed(current, 'accept');
    const poliCode = req.poliCode ?? current.poliCode;
    if (poliCode !== current.poliCode) {
      await this.facilities.requirePoli(current.destinationFacilityCode, poliCode);
    }
    const today = todayIn(this.config.TIMEZONE);
    const validUntil = dateOnly(current.validUntil);
    if (req.visitDate < today || req.visitDate > validUntil) {
      throw new DomainError(
        ReferralErrorCode.InvalidDate,
        `Tanggal kunjungan harus antara ${today} dan ${validUntil} (masa berlaku rujukan).`,
        { today, validUntil },
      );
    }
    return this.store.transition({
      id,
      action: 'accept',
      correlationId,
      patch: () => ({
        poliCode,
        visitDate: asDate(req.visitDate),
        doctorCode: req.doctorCode ?? null,
        practiceHours: req.practiceHours ?? null,
        statusReason: null,
        bookingCode: null,
        displayNumber: null,
      }),
      detail: { ...req },
      event: (r, at) => ({
        type: EventTypes.ReferralAccepted,
        payload: {
          ...referralRefOf(r),
          visitDate: req.visitDate,
          ...(req.doctorCode ? { doctorCode: req.doctorCode } : {}),
          ...(req.practiceHours ? { practiceHours: req.practiceHours } : {}),
          at: at.toISOString(),
        },
      }),
    });
  }

  decline(id: string, req: DeclineReferralRequest, correlationId: string): Promise<Referral> {
    return this.store.transition({
      id,
      action: 'decline',
      correlationId,
      patch: () => ({ statusReason: req.reason }),
      detail: { reason: req.reason },
      event: (r, at) => ({
        type: EventTypes.ReferralDeclined,
        payload: { ...referralRefOf(r), reason: req.reason, at: at.toISOString() },
      }),
    });
  }

  /** The referral moves to another hospital, which then receives it as if it had been sent there. */
  async forward(id: string, req: ForwardReferralRequest, correlationId: string): Promise<Referral> {
    const current = await this.store.require(id);
    this.store.ensureAllowed(current, 'forward');
    const poliCode = req.poliCode ?? current.poliCode;
    if (req.toFacilityCode === current.destinationFacilityCode) {
      throw new DomainError(ReferralErrorCode.SameFacility, 'Rumah sakit tujuan pengalihan sama.');
    }
    await this.facilities.requirePoli(req.toFacilityCode, poliCode);
    return this.store.transition({
      id,
      action: 'forward',
      correlationId,
      patch: (r) => ({
        forwardedFrom: r.destinationFacilityCode,
        destinationFacilityCode: req.toFacilityCode,
        poliCode,
        statusReason: req.reason,
      }),
      detail: { ...req, from: current.destinationFacilityCode },
      event: (r, at) => ({
        type: EventTypes.ReferralForwarded,
        payload: {
          ...referralRefOf(r),
          // The hospital that forwarded it; the event is keyed by (and delivered to) the new one.
          destinationFacilityCode: r.forwardedFrom ?? current.destinationFacilityCode,
          toFacilityCode: req.toFacilityCode,
          reason: req.reason,
          at: at.toISOString(),
        },
      }),
    });
  }
}
