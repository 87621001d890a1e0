import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { EventTypes } from '@app/contracts';
import { DomainError } from '@app/http';
import { OutboxRelay } from '@app/messaging';
import { QueueDb } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';
import { ACTIVE_STATUSES } from '../../tickets/ticket.repository';
import { ticketRefOf, TicketTransitions } from '../../tickets/transitions/ticket-transitions';
import { MasterDataChanges } from '../master-data-changes';

export const absenceRequest = z
  .object({
    doctorCode: z.string().regex(/^\d{1,12}$/),
    date: z.iso.date(),
    reason: z.string().trim().min(3).max(300),
  })
  .strict();

/**
 * A doctor will not practise on a date: no more bookings for their sessions, and every patient
 * already booked is told (one queue.doctor.absent event listing the affected tickets).
 */
@Injectable()
export class DeclareAbsence {
  constructor(
    private readonly db: QueueDb,
    private readonly transitions: TicketTransitions,
    private readonly relay: OutboxRelay,
    private readonly changes: MasterDataChanges,
  ) {}

  async execute(
    facilityCode: string,
    a: z.infer<typeof absenceRequest>,
    correlationId: string,
  ): Promise<{ affected: number }> {
    const doctor = await this.db.doctor.findUnique({
      where: { facilityCode_code: { facilityCode, code: a.doctorCode } },
    });
    if (!doctor)
      throw new DomainError(
        QueueErrorCode.NoSchedule,
        `Dokter ${a.doctorCode} tidak terdaftar di faskes ${facilityCode}.`,
      );
    const date = new Date(`${a.date}T00:00:00Z`);
    const affected = await this.db.$transaction(async (tx) => {
      await tx.doctorAbsence.upsert({
        where: { facilityCode_doctorCode_date: { facilityCode, doctorCode: a.doctorCode, date } },
        create: { facilityCode, doctorCode: a.doctorCode, date, reason: a.reason },
        update: { reason: a.reason },
      });
      const tickets = await tx.ticket.findMany({
        where: {
          facilityCode,
          doctorCode: a.doctorCode,
          serviceDate: date,
          status: { in: [...ACTIVE_STATUSES] },
        },
        orderBy: { queueNumber: 'asc' },
      });
      await this.transitions.emit(
        tx,
        facilityCode,
        [
          {
            type: EventTypes.DoctorAbsent,
            payload: {
              facilityCode,
              poliCode: doctor.poliCode,
              doctorCode: doctor.code,
              doctorName: doctor.name,
              serviceDate: a.date,
              reason: a.reason,
              affected: tickets.map(ticketRefOf),
            },
          },
        ],
        { correlationId },
      );
      return tickets.length;
    });
    this.relay.kick();
    await this.changes.changed(facilityCode);
    return { affected };
  }
}
