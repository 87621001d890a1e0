import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { FacilityUpsertedV1 } from '@app/contracts';
import { CorrelationId, DomainError, ZodPipe } from '@app/http';
import { QueueDb } from '../database/queue-db';
import { QueueErrorCode } from '../errors';
import { FacilityKpisQuery, type FacilityKpis } from '../kpis/facility-kpis.usecase';
import { FacilityBoardQuery, type FacilityBoard } from '../live/facility-board.usecase';
import { ScheduleResolver } from '../schedules/schedule-resolver';
import { facilityCodeParam } from '../tickets/book-ticket/book-ticket.request';
import { QueueNumberAllocator } from '../tickets/numbering/queue-number.allocator';
import { todayIn } from '../tickets/service-date';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import { Inject } from '@nestjs/common';
import { absenceRequest, DeclareAbsence } from './declare-absence/declare-absence.usecase';
import { facilityRequest, type FacilityRequest } from './upsert-facility/facility.request';
import { UpsertFacility } from './upsert-facility/upsert-facility.usecase';
import { MasterDataChanges } from './master-data-changes';

export const dateQuery = z
  .object({
    date: z.iso.date().optional(),
    poliCode: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
  })
  .strict();
export const holidayRequest = z.object({ name: z.string().trim().min(3).max(200) }).strict();

/** Facility master data (for facility admins), sessions, the live board and KPIs. */
@Controller('v1/facilities')
export class FacilitiesController {
  constructor(
    private readonly db: QueueDb,
    private readonly upsert: UpsertFacility,
    private readonly absence: DeclareAbsence,
    private readonly schedules: ScheduleResolver,
    private readonly numbers: QueueNumberAllocator,
    private readonly board: FacilityBoardQuery,
    private readonly kpis: FacilityKpisQuery,
    private readonly changes: MasterDataChanges,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  @Get()
  async list(): Promise<unknown[]> {
    const facilities = await this.db.facility.findMany({
      include: { polis: true },
      orderBy: { code: 'asc' },
    });
    return facilities.map((f) => ({
      code: f.code,
      name: f.name,
      type: f.type,
      district: f.district,
      address: f.address,
      latitude: f.latitude,
      longitude: f.longitude,
      polis: f.polis.map((p) => ({
        code: p.code,
        name: p.name,
        prefix: p.prefix,
        subspecialties: p.subspecialties,
      })),
    }));
  }

  @Put(':facilityCode')
  @HttpCode(200)
  put(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) code: string,
    @Body(new ZodPipe(facilityRequest)) body: FacilityRequest,
    @CorrelationId() correlationId: string,
  ): Promise<FacilityUpsertedV1> {
    return this.upsert.execute(code, body, correlationId);
  }

  /** Practice sessions of a day with the quota left (what a patient chooses from). */
  @Get(':facilityCode/sessions')
  async sessions(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) code: string,
    @Query(new ZodPipe(dateQuery)) q: z.infer<typeof dateQuery>,
  ): Promise<unknown[]> {
    if (!q.poliCode) throw new DomainError('COMMON.VALIDATION_FAILED', 'Isi poliCode.');
    const date = q.date ?? todayIn(this.config.TIMEZONE);
    const sessions = await this.schedules.sessionsFor(code, q.poliCode, date);
    const absences = await this.db.doctorAbsence.findMany({
      where: { facilityCode: code, date: new Date(`${date}T00:00:00Z`) },
    });
    return Promise.all(
      sessions.map(async (s) => {
        const scope = {
          facilityCode: code,
          poliCode: s.poliCode,
          serviceDate: date,
          doctorCode: s.doctorCode,
          practiceHours: s.practiceHours,
        };
        return {
          doctorCode: s.doctorCode,
          doctorName: s.doctorName,
          practiceHours: s.practiceHours,
          absent: absences.some((a) => a.doctorCode === s.doctorCode),
          quotaJkn: s.quotaJkn,
          quotaNonJkn: s.quotaNonJkn,
          remainingJkn: await this.numbers.remaining({
            ...scope,
            patientType: 'JKN',
            limit: s.quotaJkn,
          }),
          remainingNonJkn: await this.numbers.remaining({
            ...scope,
            patientType: 'NON_JKN',
            limit: s.quotaNonJkn,
          }),
        };
      }),
    );
  }

  @Post(':facilityCode/doctor-absences')
  declareAbsence(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) code: string,
    @Body(new ZodPipe(absenceRequest)) body: z.infer<typeof absenceRequest>,
    @CorrelationId() correlationId: string,
  ): Promise<{ affected: number }> {
    return this.absence.execute(code, body, correlationId);
  }

  @Put(':facilityCode/holidays/:date')
  @HttpCode(200)
  async holiday(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) code: string,
    @Param('date', new ZodPipe(z.iso.date())) date: string,
    @Body(new ZodPipe(holidayRequest)) body: z.infer<typeof holidayRequest>,
  ): Promise<{ date: string; name: string }> {
    const facility = await this.db.facility.findUnique({ where: { code } });
    if (!facility)
      throw new DomainError(
        QueueErrorCode.FacilityNotFound,
        `Faskes dengan kode ${code} tidak ditemukan.`,
      );
    const d = new Date(`${date}T00:00:00Z`);
    await this.db.holiday.upsert({
      where: { facilityCode_date: { facilityCode: code, date: d } },
      create: { facilityCode: code, date: d, name: body.name },
      update: { name: body.name },
    });
    await this.changes.changed(code);
    return { date, name: body.name };
  }

  /** The waiting-room board: now called per counter and the next numbers per line. */
  @Get(':facilityCode/board')
  liveBoard(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) code: string,
    @Query(new ZodPipe(dateQuery)) q: z.infer<typeof dateQuery>,
  ): Promise<FacilityBoard> {
    return this.board.execute(code, q.date ?? todayIn(this.config.TIMEZONE));
  }

  @Get(':facilityCode/kpis')
  kpi(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) code: string,
    @Query(new ZodPipe(dateQuery)) q: z.infer<typeof dateQuery>,
  ): Promise<FacilityKpis> {
    return this.kpis.execute(code, q.date ?? todayIn(this.config.TIMEZONE), q.poliCode);
  }
}
