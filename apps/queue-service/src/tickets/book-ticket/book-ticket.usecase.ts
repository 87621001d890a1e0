import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EventTypes } from '@app/contracts';
import { DomainError } from '@app/http';
import { buildEvent, OutboxRelay, toOutboxMessage } from '@app/messaging';
import { QUEUE_CONFIG, type QueueConfig } from '../../config';
import { QueueDb } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';
import { PoliDirectory, type PoliInfo } from '../../facilities/poli-directory';
import { Prisma, type Ticket } from '../../generated/prisma/client';
import { displayNumberOf, newBookingCode } from '../booking-code';
import { QueueNumberAllocator, type NumberScope } from '../numbering/queue-number.allocator';
import { patientRefOf, type PatientIdentifier } from '../patient-ref';
import { daysBetween, todayIn } from '../service-date';
import { TicketRepository } from '../ticket.repository';
import { toTicketView, type TicketView } from '../ticket.view';
import type { BookTicketRequest } from './book-ticket.request';

export interface BookTicketContext {
  correlationId: string;
  idempotencyKey?: string;
}

export interface BookTicketResult {
  ticket: TicketView;
  /** False when an earlier request with the same Idempotency-Key already made this ticket. */
  created: boolean;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
const PRODUCER = 'queue-service';

/**
 * Books a queue ticket: a number from Redis (atomic, consecutive), then the ticket and its
 * `queue.ticket.booked` event in one Postgres transaction; the outbox relay publishes it.
 */
@Injectable()
export class BookTicket {
  constructor(
    private readonly db: QueueDb,
    private readonly polis: PoliDirectory,
    private readonly numbers: QueueNumberAllocator,
    private readonly tickets: TicketRepository,
    private readonly relay: OutboxRelay,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  async execute(
    facilityCode: string,
    request: BookTicketRequest,
    ctx: BookTicketContext,
  ): Promise<BookTicketResult> {
    const patient = identifierOf(request);
    const serviceDate = this.checkDate(request.serviceDate);
    const scopedKey = this.scopedIdempotencyKey(facilityCode, ctx.idempotencyKey);
    const requestHash = hashRequest(facilityCode, { ...request, serviceDate });

    if (scopedKey) {
      const earlier = await this.db.ticket.findUnique({ where: { idempotencyKey: scopedKey } });
      if (earlier) return this.replay(earlier, requestHash);
    }
    const poli = await this.polis.require(facilityCode, request.poliCode);
    const scope: NumberScope = { facilityCode, poliCode: poli.code, serviceDate };
    const patientRef = patientRefOf(patient, this.config.PATIENT_REF_SECRET);

    for (let attempt = 0; attempt < 5; attempt++) {
      const queueNumber = await this.numbers.next(scope);
      try {
        const ticket = await this.insert({
          poli,
          scope,
          queueNumber,
          patientRef,
          request,
          scopedKey,
          requestHash,
          ctx,
        });
        this.relay.kick();
        return { ticket: toTicketView(ticket), created: true };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        if (scopedKey) {
          // The same key raced us from another request: answer with the ticket it made.
          const earlier = await this.db.ticket.findUnique({ where: { idempotencyKey: scopedKey } });
          if (earlier) return this.replay(earlier, requestHash);
        }
        // The number was taken (a counter rebuilt after Redis lost data): move past it and retry.
        // A booking code collision (1 in ~10^9) also lands here and simply retries.
        await this.numbers.skipPast(scope, queueNumber);
      }
    }
    throw new Error('could not book a ticket after 5 attempts');
  }

  private async insert(input: {
    poli: PoliInfo;
    scope: NumberScope;
    queueNumber: number;
    patientRef: string;
    request: BookTicketRequest;
    scopedKey: string | null;
    requestHash: string;
    ctx: BookTicketContext;
  }): Promise<Ticket> {
    const { poli, scope, queueNumber, patientRef, request } = input;
    const id = randomUUID();
    const bookingCode = newBookingCode(scope.serviceDate);
    const displayNumber = displayNumberOf(poli.prefix, queueNumber);
    const bookedAt = new Date();
    const event = buildEvent(
      EventTypes.TicketBooked,
      {
        ticketId: id,
        bookingCode,
        facilityCode: scope.facilityCode,
        poliCode: poli.code,
        poliName: poli.name,
        serviceDate: scope.serviceDate,
        queueNumber,
        displayNumber,
        patientRef,
        source: request.source,
        bookedAt: bookedAt.toISOString(),
      },
      {
        producer: PRODUCER,
        correlationId: input.ctx.correlationId,
        key: scope.facilityCode,
        occurredAt: bookedAt,
      },
    );
    return this.tickets.insertWithEvent(
      {
        id,
        bookingCode,
        facilityCode: scope.facilityCode,
        poliCode: poli.code,
        serviceDate: new Date(`${scope.serviceDate}T00:00:00Z`),
        queueNumber,
        displayNumber,
        patientRef,
        source: request.source,
        status: 'booked',
        idempotencyKey: input.scopedKey,
        requestHash: input.scopedKey ? input.requestHash : null,
        createdAt: bookedAt,
      },
      toOutboxMessage(event),
    );
  }

  private replay(earlier: Ticket, requestHash: string): BookTicketResult {
    if (earlier.requestHash !== requestHash) {
      throw new DomainError(
        QueueErrorCode.IdempotencyKeyReused,
        'Idempotency-Key ini sudah dipakai untuk pemesanan lain. Gunakan kunci baru untuk pemesanan baru.',
      );
    }
    return { ticket: toTicketView(earlier), created: false };
  }

  private checkDate(requested: string | undefined): string {
    const today = todayIn(this.config.TIMEZONE);
    if (!requested) return today;
    const ahead = daysBetween(today, requested);
    if (ahead < 0) {
      throw new DomainError(QueueErrorCode.DateInPast, `Tanggal periksa ${requested} sudah lewat.`);
    }
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

function identifierOf(request: BookTicketRequest): PatientIdentifier {
  if (request.patient.nik) return { kind: 'nik', value: request.patient.nik };
  if (request.patient.cardNumber) return { kind: 'card', value: request.patient.cardNumber };
  throw new DomainError(
    QueueErrorCode.PatientIdentifierMissing,
    'Isi NIK (16 digit) atau nomor kartu JKN (13 digit) pasien.',
  );
}

function hashRequest(
  facilityCode: string,
  request: BookTicketRequest & { serviceDate: string },
): string {
  const canonical = JSON.stringify([
    facilityCode,
    request.poliCode,
    request.serviceDate,
    request.patient.nik ?? null,
    request.patient.cardNumber ?? null,
    request.patient.phone ?? null,
    request.source,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}
