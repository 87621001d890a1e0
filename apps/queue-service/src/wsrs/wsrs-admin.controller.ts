import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '@app/http';
import { facilityCodeParam } from '../tickets/book-ticket/book-ticket.request';
import { WsrsAuth } from './auth/wsrs-auth';
import {
  OperatingSchedules,
  operatingSchedulesQuery,
  operatingSchedulesRequest,
  type JadwalOperasiItem,
} from './jadwal-operasi/operating-schedules';
import { WsrsCodeMappings, wsrsMappingsRequest, type WsrsMappings } from './mappings/wsrs-mappings';

export const wsrsCredentialsRequest = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/, 'username 3–64 karakter tanpa spasi'),
    password: z.string().min(8, 'password minimal 8 karakter').max(128),
  })
  .strict();

/** Admin side of WS RS: credentials BPJS uses, code mappings, the operating-room schedule. */
@Controller('v1/facilities/:facilityCode')
export class WsrsAdminController {
  constructor(
    private readonly auth: WsrsAuth,
    private readonly mappings: WsrsCodeMappings,
    private readonly operations: OperatingSchedules,
  ) {}

  @Put('wsrs-credentials')
  setCredentials(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) facilityCode: string,
    @Body(new ZodPipe(wsrsCredentialsRequest)) body: z.infer<typeof wsrsCredentialsRequest>,
  ): Promise<{ facilityCode: string; username: string; updatedAt: string }> {
    return this.auth.setCredentials(facilityCode, body.username, body.password);
  }

  @Get('wsrs-mappings')
  getMappings(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) facilityCode: string,
  ): Promise<WsrsMappings> {
    return this.mappings.get(facilityCode);
  }

  @Put('wsrs-mappings')
  putMappings(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) facilityCode: string,
    @Body(new ZodPipe(wsrsMappingsRequest)) body: WsrsMappings,
  ): Promise<WsrsMappings> {
    return this.mappings.replace(facilityCode, body);
  }

  @Get('operating-schedules')
  getOperatingSchedules(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) facilityCode: string,
    @Query(new ZodPipe(operatingSchedulesQuery)) q: z.infer<typeof operatingSchedulesQuery>,
  ): Promise<{ list: JadwalOperasiItem[] }> {
    return this.operations.list(facilityCode, q.from, q.to);
  }

  @Put('operating-schedules')
  putOperatingSchedules(
    @Param('facilityCode', new ZodPipe(facilityCodeParam)) facilityCode: string,
    @Body(new ZodPipe(operatingSchedulesRequest)) body: z.infer<typeof operatingSchedulesRequest>,
  ): Promise<{ saved: number }> {
    return this.operations.upsert(facilityCode, body);
  }
}
