import { Inject, Injectable } from '@nestjs/common';
import { REFERRAL_NUMBER } from '@app/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { patientRefOf } from '../tickets/ticket-answer';
import { UpstreamClient } from '../upstream/upstream.client';
import type { ReferralParties } from './access-policy';

const enc = encodeURIComponent;

/**
 * What the guard must know about a ticket or referral before staff may touch it, read from the
 * service that owns it. null = not found (the route itself then answers its 404).
 */
@Injectable()
export class ScopeLookup {
  constructor(
    private readonly upstream: UpstreamClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async ticketFacility(bookingCode: string, correlationId: string): Promise<string | null> {
    return (await this.ticketOwner(bookingCode, correlationId))?.facilityCode ?? null;
  }

  /** A ticket's facility and patient (patientRef, queue-service's pseudonym; null if it has none). */
  async ticketOwner(
    bookingCode: string,
    correlationId: string,
  ): Promise<{ facilityCode: string; patientRef: string | null } | null> {
    const res = await this.upstream.call(
      'GET',
      `${this.config.QUEUE_SERVICE_URL}/v1/tickets/${enc(bookingCode)}`,
      { correlationId },
    );
    const body = res.body as { facilityCode?: unknown; patientRef?: unknown } | null;
    if (res.status !== 200 || typeof body?.facilityCode !== 'string') return null;
    return { facilityCode: body.facilityCode, patientRef: patientRefOf(body) };
  }

  /**
   * Whose a referral is, by number, from referral-service's patient view (no identifiers travel).
   * null for a malformed or unknown number.
   */
  async referralPatient(
    number: string,
    correlationId: string,
  ): Promise<{ id: string; patientRef: string; originFacilityCode: string } | null> {
    if (!REFERRAL_NUMBER.safeParse(number).success) return null;
    const res = await this.upstream.call(
      'GET',
      `${this.config.REFERRAL_SERVICE_URL}/v1/patient-referrals/${enc(number)}`,
      { correlationId },
    );
    const body = res.body as {
      id?: unknown;
      patientRef?: unknown;
      origin?: { code?: unknown };
    } | null;
    if (res.status !== 200 || typeof body?.patientRef !== 'string' || typeof body.id !== 'string')
      return null;
    const origin = body.origin?.code;
    return {
      id: body.id,
      patientRef: body.patientRef,
      originFacilityCode: typeof origin === 'string' ? origin : '',
    };
  }

  async referralParties(id: string, correlationId: string): Promise<ReferralParties | null> {
    const res = await this.upstream.call(
      'GET',
      `${this.config.REFERRAL_SERVICE_URL}/v1/referrals/${enc(id)}`,
      { correlationId },
    );
    if (res.status !== 200) return null;
    const r = res.body as Partial<ReferralParties>;
    if (typeof r.originFacilityCode !== 'string' || typeof r.destinationFacilityCode !== 'string')
      return null;
    return {
      originFacilityCode: r.originFacilityCode,
      destinationFacilityCode: r.destinationFacilityCode,
      forwardedFrom: typeof r.forwardedFrom === 'string' ? r.forwardedFrom : null,
    };
  }
}
