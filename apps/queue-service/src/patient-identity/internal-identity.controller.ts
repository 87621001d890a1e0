import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { internalCallLabel, ZodPipe } from '@app/http';
import { bookingCodeParam } from '../tickets/tickets.controller';
import { ReadPatientIdentity, type PatientIdentityView } from './read-identity.usecase';

const label = internalCallLabel;
/** Why the identifiers are read, e.g. `antrol-add` (kept in the audit table). */
export const identityReadQuery = z.object({ purpose: label }).strict();
/** Who reads: the calling service or user, e.g. `bpjs-bridge` (kept in the audit table). */
export const identityCallerHeader = label;

/**
 * Internal only (service to service, never routed by the gateway): a ticket's patient
 * identifiers, for bpjs-bridge's antrean/add. Every read audited (the service token, as every route).
 */
@Controller('internal/v1/tickets')
export class InternalIdentityController {
  constructor(private readonly read: ReadPatientIdentity) {}

  @Get(':bookingCode/patient-identity')
  async patientIdentity(
    @Headers('x-caller') caller: string | undefined,
    @Param('bookingCode') bookingCode: string,
    @Query() query: unknown,
  ): Promise<PatientIdentityView> {
    const code = new ZodPipe(bookingCodeParam).transform(bookingCode);
    const { purpose } = new ZodPipe(identityReadQuery).transform(query);
    const accessor = new ZodPipe(identityCallerHeader).transform(caller);
    return this.read.execute(code, { accessor, purpose });
  }
}
