import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EventTypes } from '@app/contracts';
import { DomainError } from '@app/http';
import { buildEvent, OutboxRelay, toOutboxMessage } from '@app/messaging';
import { QUEUE_CONFIG, type QueueConfig } from '../../config';
import { QueueDb } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';
import { PoliDirectory, type PoliInfo } from '../../facilities/poli-directory';
import type { Ticket } from '../../generated/prisma/client';
import { Estimates } from '../../live/estimates';
import { ContactCipher, IdentityCipher, sealContact } from '@app/patient-data';
import { sealIdentity, type PatientIdentifiers } from '../../patient-identity/patient-identity';
import {
  localTimeToInstant,
  ScheduleResolver,
  type ResolvedSession,
} from '../../schedules/schedule-resolver';
import { displayNumberOf, newBookingCode } from '../booking-code';
import { QueueNumberAllocator, type QuotaScope } from '../numbering/queue-number.allocator';
import { patientRefOf } from '../patient-ref';
import { daysBetween, todayIn } from '../service-date';
import { ACTIVE_STATUSES, TicketRepository, violatedConstraint } from '../ticket.repository';
import { toOwnedTicketView, type OwnedTicketView } from '../ticket.view';
import type { BookTicketRequest } from './book-ticket.request';
import { checkRequestRules } from './booking-rules';

export interface BookTicketContext {
  correlationId: string;
  idempotencyKey?: string;
  /**
   * Set when the booking serves an accepted referral: the patient is known only by the referral's
   * patient reference (same HMAC scheme), and is a JKN patient.
   */
  referral?: { referralId: string; patientRef: string; identity?: PatientIdentifiers };
}

export interface BookTicketResult {
  ticket: OwnedTicketView;
  /** False when an earlier request with the same Idempotency-Key already made this ticket. */
  created: boolean;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
const PRODUCER = 'queue-service';

/**
 * Books a queue ticket (ambil antrean): every rule checked first, then one quota place and the next
 * number taken atomically in Redis, then the ticket and its `queue.ticket.booked` event written in
 * one SQL statement; the outbox relay publishes it.
 */
@Injectable()
export class BookTicket {
  constructor(
    private readonly db: QueueDb,
    private readonly polis: PoliDirectory,
    private readonly schedules: ScheduleResolver,
    private readonly numbers: QueueNumberAllocator,
    private readonly tickets: TicketRepository,
    private readonly estimates: Estimates,
    private readonly relay: OutboxRelay,
    private readonly cipher: IdentityCipher,
    private readonly contacts: ContactCipher,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  async execute(
    facilityCode: string,
    request: BookTicketRequest,
    ctx: BookTicketContext,
  ): Promise<BookTicketResult> {
    const { identifier, patientType } = ctx.referral
      ? { identifier: null, patientType: 'JKN' as const }
      : checkRequestRules(request);
    const serviceDate = this.checkDate(request.serviceDate);
    const scopedKey = this.scopedIdempotencyKey(facilityCode, ctx.idempotencyKey);
    const requestHash = hashRequest(facilityCode, { ...request, serviceDate });
    const patientRef =
      ctx.referral?.patientRef ?? patientRefOf(identifier!, this.config.PATIENT_REF_SECRET);
    // One round trip for both: an earlier request with this key, and the patient's active ticket.
    const { earlier, same } = await this.tickets.findEarlier({
      facilityCode,
      serviceDate,
      poliCode: request.poliCode,
      patientRef,
      doctorCode: request.doctorCode,
      idempotencyKey: scopedKey,
    });
    if (earlier) return this.replay(earlier, requestHash);
    const poli = await this.polis.require(facilityCode, request.poliCode);
    const sessions = this.openSessions(
      await this.schedules.resolve(
        facilityCode,
        poli.code,
        serviceDate,
        request.doctorCode,
        request.practiceHours,
      ),
      serviceDate,
    );
    await this.checkNotBookedYet(same, serviceDate, request);

    let lastQuotaError: DomainError | undefined;
    for (const session of sessions) {
      const quota: QuotaScope = {
        facilityCode,
        poliCode: poli.code,
        serviceDate,
        doctorCode: session.doctorCode,
        practiceHours: session.practiceHours,
        patientType,
        limit: patientType === 'JKN' ? session.quotaJkn : session.quotaNonJkn,
      };
      let number: number;
      try {
        number = await this.numbers.take(quota);
      } catch (e) {
        if (e instanceof DomainError && e.code === QueueErrorCode.QuotaExhausted) {
          lastQuotaError = e;
          continue;
        }
        throw e;
      }
      try {
        const ticket = await this.insert({
          request,
          ctx,
          poli,
          session,
          serviceDate,
          number,
          patientRef,
          patientType,
          scopedKey,
          requestHash,
        });
        this.relay.kick();
        return { ticket: toOwnedTicketView(ticket), created: true };
      } catch (e) {
        await this.numbers.release(quota);
        return this.explainInsertFailure(e, scopedKey, requestHash);
      }
    }
    throw lastQuotaError ?? new Error('no session to book');
  }

  private async insert(a: {
    request: BookTicketRequest;
    ctx: BookTicketContext;
    poli: PoliInfo;
    session: ResolvedSession;
    serviceDate: string;
    number: number;
    patientRef: string;
    patientType: 'JKN' | 'NON_JKN';
    scopedKey: string | null;
    requestHash: string;
  }): Promise<Ticket> {
    const { request, poli, session, serviceDate, number } = a;
    const id = randomUUID();
    const bookingCode = newBookingCode(serviceDate);
    const displayNumber = displayNumberOf(poli.prefix, number);
    const bookedAt = new Date();
    const sessionStart = localTimeToInstant(serviceDate, session.start, this.config.TIMEZONE);
    const sessionEnd = localTimeToInstant(serviceDate, session.end, this.config.TIMEZONE);
    const perPatient = await this.estimates.serviceMinutes(
      poli.facilityCode,
      serviceDate,
      'poli',
      poli.code,
    );
    const estimatedServiceAt = new Date(
      Math.max(sessionStart.getTime(), bookedAt.getTime()) + (number - 1) * perPatient * 60_000,
    );
    const event = buildEvent(
      EventTypes.TicketBooked,
      {
        ticketId: id,
        bookingCode,
        facilityCode: poli.facilityCode,
        poliCode: poli.code,
        poliName: poli.name,
        serviceDate,
        queueNumber: number,
        displayNumber,
        patientRef: a.patientRef,
        source: request.source,
        bookedAt: bookedAt.toISOString(),
        doctorCode: session.doctorCode,
        doctorName: session.doctorName,
        practiceHours: session.practiceHours,
        ...(request.visitType ? { visitType: request.visitType } : {}),
        ...(request.referenceNumber ? { referenceNumber: request.referenceNumber } : {}),
        patientType: a.patientType,
        estimatedServiceAt: estimatedServiceAt.toISOString(),
        // Phone and e-mail travel sealed for notification-service only; the topic never holds them.
        ...sealedContactOf(this.contacts, a.patientRef, request.patient),
        ...(a.ctx.referral ? { referralId: a.ctx.referral.referralId } : {}),
      },
      {
        producer: PRODUCER,
        correlationId: a.ctx.correlationId,
        key: poli.facilityCode,
        occurredAt: bookedAt,
      },
    );
    return this.tickets.insertWithEvent(
      {
        id,
        bookingCode,
        facilityCode: poli.facilityCode,
        poliCode: poli.code,
        serviceDate: new Date(`${serviceDate}T00:00:00Z`),
        queueNumber: number,
        displayNumber,
        patientRef: a.patientRef,
        source: request.source,
        status: 'booked',
        doctorCode: session.doctorCode,
        practiceHours: session.practiceHours,
        patientType: a.patientType,
        patientKind: request.patient.isNew ? 'new' : 'returning',
        visitType: request.visitType ?? null,
        referenceNumber: request.referenceNumber ?? null,
        referralId: a.ctx.referral?.referralId ?? null,
        priority: Boolean(request.priority),
        priorityReason: request.priority
          ? `${request.priority.category}: ${request.priority.reason}`
          : null,
        sessionEnd,
        idempotencyKey: a.scopedKey,
        requestHash: a.scopedKey ? a.requestHash : null,
        createdAt: bookedAt,
      },
      toOutboxMessage(event),
      // Encrypted at rest; events and logs carry only the pseudonymous patientRef. A referral's
      // booking has them from referral-service, read before the booking began.
      sealIdentity(
        this.cipher,
        id,
        a.ctx.referral?.identity ?? {
          nik: request.patient.nik,
          cardNumber: request.patient.cardNumber,
          phone: request.patient.phone,
          norm: request.patient.norm,
        },
      ),
    );
  }

  /** Sessions of the day that have not ended yet (today) — booking a finished session is refused. */
  private openSessions(sessions: ResolvedSession[], serviceDate: string): ResolvedSession[] {
    if (serviceDate !== todayIn(this.config.TIMEZONE)) return sessions;
    const now = Date.now();
    const open = sessions.filter(
      (s) => localTimeToInstant(serviceDate, s.end, this.config.TIMEZONE).getTime() > now,
    );
    if (open.length === 0) {
      throw new DomainError(
        QueueErrorCode.SessionClosed,
        'Jam praktik hari ini sudah selesai. Silakan pilih tanggal lain.',
      );
    }
    return open;
  }

  private async checkNotBookedYet(
    same: Ticket | undefined,
    serviceDate: string,
    request: BookTicketRequest,
  ): Promise<void> {
    if (same) {
      throw new DomainError(
        QueueErrorCode.DuplicateBooking,
        `Pasien sudah memiliki antrean ${same.displayNumber} di poli ini pada ${serviceDate}.`,
        { bookingCode: same.bookingCode },
      );
    }
    if (request.referenceNumber) {
      const backed = await this.db.ticket.findFirst({
        where: { referenceNumber: request.referenceNumber, status: { in: [...ACTIVE_STATUSES] } },
      });
      if (backed) {
        throw new DomainError(
          QueueErrorCode.ReferenceInUse,
          'Nomor rujukan ini sudah dipakai untuk antrean lain yang masih aktif.',
        );
      }
    }
  }

  /** A unique rule broken by a concurrent request: answer as the rule says. */
  private async explainInsertFailure(
    e: unknown,
    scopedKey: string | null,
    requestHash: string,
  ): Promise<BookTicketResult> {
    const constraint = violatedConstraint(e);
    if (constraint === 'ticket_idempotency_key_key' && scopedKey) {
      const earlier = await this.db.ticket.findUnique({ where: { idempotencyKey: scopedKey } });
      if (earlier) return this.replay(earlier, requestHash);
    }
    if (constraint === 'ticket_active_patient_uq') {
      throw new DomainError(
        QueueErrorCode.DuplicateBooking,
        'Pasien sudah memiliki antrean di poli ini pada tanggal tersebut.',
      );
    }
    if (constraint === 'ticket_active_reference_uq') {
      throw new DomainError(
        QueueErrorCode.ReferenceInUse,
        'Nomor rujukan ini sudah dipakai untuk antrean lain yang masih aktif.',
      );
    }
    throw e;
  }

  private replay(earlier: Ticket, requestHash: string): BookTicketResult {
    if (earlier.requestHash !== requestHash) {
      throw new DomainError(
        QueueErrorCode.IdempotencyKeyReused,
        'Idempotency-Key ini sudah dipakai untuk pemesanan lain. Gunakan kunci baru untuk pemesanan baru.',
      );
    }
    return { ticket: toOwnedTicketView(earlier), created: false };
  }

  private checkDate(requested: string | undefined): string {
    const today = todayIn(this.config.TIMEZONE);
    if (!requested) return today;
    const ahead = daysBetween(today, requested);
    if (ahead < 0)
      throw new DomainError(QueueErrorCode.DateInPast, `Tanggal periksa ${requested} sudah lewat.`);
    if (ahead > this.config.BOOKING_HORIZON_DAYS) {
      throw new DomainError(
        QueueErrorCode.DateBeyondHorizon,
        `Pemesanan hanya bisa paling lambat ${this.config.BOOKING_HORIZON_DAYS} hari sebelum tanggal periksa.`,
        { maxDaysAhead: this.config.BOOKING_HORIZON_DAYS },
      );
    }
    return requested;
  }

  private scopedIdempotencyKey(facilityCode: string, key: string | undefined): string | null {
    if (key === undefined) return null;
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new DomainError(
        QueueErrorCode.IdempotencyKeyInvalid,
        'Header Idempotency-Key harus 8–100 karakter: huruf, angka, titik, titik dua, garis bawah atau strip.',
      );
    }
    return `${facilityCode}:${key}`;
  }
}

function hashRequest(
  facilityCode: string,
  request: BookTicketRequest & { serviceDate: string },
): string {
  return createHash('sha256')
    .update(JSON.stringify([facilityCode, request]))
    .digest('hex');
}

/** The event fields that tell notification-service how to reach the patient (sealed) and in which language. */
function sealedContactOf(
  cipher: ContactCipher,
  patientRef: string,
  p: { phone?: string; email?: string; locale?: 'id' | 'en' },
): { sealedContact?: string; locale?: 'id' | 'en' } {
  const sealed = sealContact(cipher, patientRef, { phone: p.phone, email: p.email });
  return sealed ? { sealedContact: sealed, locale: p.locale ?? 'id' } : {};
}
