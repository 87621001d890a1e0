import { Inject, Injectable, Optional } from '@nestjs/common';
import { REFERRAL_NUMBER } from '@app/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { patientRefOf } from '../tickets/ticket-answer';
import { UpstreamClient } from '../upstream/upstream.client';
import type { ReferralParties } from './access-policy';
import { TtlCache } from './ttl-cache';

const enc = encodeURIComponent;

/** The clock the caches expire by (tests pass their own). */
export const SCOPE_CLOCK = Symbol('scope-clock');

/** A ticket's facility and patient are fixed at booking: the TTL only bounds how long memory holds it. */
const TICKET_TTL_MS = 10 * 60_000;
/**
 * A referral's destination changes when a hospital forwards it; origin and patientRef never do.
 * Cached answers let reads through only, for at most this long (see AccessGuard).
 */
const REFERRAL_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

export interface TicketOwner {
  facilityCode: string;
  patientRef: string | null;
}

export interface ReferralPatient {
  id: string;
  patientRef: string;
  originFacilityCode: string;
}

/**
 * What the guard must know about a ticket or referral before staff may touch it, read from the
 * service that owns it. null = not found (the route itself then answers its 404); "not found" is
 * never cached, since the ticket or referral may exist a moment later.
 */
@Injectable()
export class ScopeLookup {
  private readonly tickets: TtlCache<TicketOwner>;
  private readonly parties: TtlCache<ReferralParties>;
  private readonly patients: TtlCache<ReferralPatient>;

  constructor(
    private readonly upstream: UpstreamClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Optional() @Inject(SCOPE_CLOCK) now: () => number = Date.now,
  ) {
    this.tickets = new TtlCache(MAX_ENTRIES, TICKET_TTL_MS, now);
    this.parties = new TtlCache(MAX_ENTRIES, REFERRAL_TTL_MS, now);
    this.patients = new TtlCache(MAX_ENTRIES, REFERRAL_TTL_MS, now);
  }

  async ticketFacility(bookingCode: string, correlationId: string): Promise<string | null> {
    return (await this.ticketOwner(bookingCode, correlationId))?.facilityCode ?? null;
  }

  /**
   * A ticket's facility and patient (patientRef, queue-service's pseudonym; null if it has none).
   * Both are fixed at booking, so a cached answer is never wrong.
   */
  ticketOwner(bookingCode: string, correlationId: string): Promise<TicketOwner | null> {
    return this.tickets.through(bookingCode, () =>
      this.readTicketOwner(bookingCode, correlationId),
    );
  }

  private async readTicketOwner(
    bookingCode: string,
    correlationId: string,
  ): Promise<TicketOwner | null> {
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
  async referralPatient(number: string, correlationId: string): Promise<ReferralPatient | null> {
    if (!REFERRAL_NUMBER.safeParse(number).success) return null;
    return this.patients.through(number, () => this.readReferralPatient(number, correlationId));
  }

  private async readReferralPatient(
    number: string,
    correlationId: string,
  ): Promise<ReferralPatient | null> {
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

  /** What the cache holds on a referral's parties (undefined: nothing, or expired). */
  cachedReferralParties(id: string): ReferralParties | undefined {
    return this.parties.get(id);
  }

  /** A referral's parties as referral-service answers now (the cache keeps them for reads). */
  referralParties(id: string, correlationId: string): Promise<ReferralParties | null> {
    return this.parties.through(id, () => this.readReferralParties(id, correlationId), true);
  }

  private async readReferralParties(
    id: string,
    correlationId: string,
  ): Promise<ReferralParties | null> {
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
