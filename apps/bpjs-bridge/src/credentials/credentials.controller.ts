import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { FACILITY_CODE } from '@app/contracts';
import { DomainError, ZodPipe } from '@app/http';
import { BridgeDb } from '../database/bridge-db';
import { BridgeErrorCode } from '../errors';
import { AntrolSender } from '../antrol/antrol-sender';

export const putCredentialsRequest = z
  .object({
    consId: z.string().min(1).max(50),
    secret: z.string().min(1).max(200),
    userKey: z.string().min(1).max(200),
    /** Antrol base URL, e.g. https://apijkn.bpjs-kesehatan.go.id/antreanrs */
    baseUrl: z.url(),
  })
  .strict();

/** What GET shows: never the secret nor the user key. */
export const credentialsView = z.object({
  facilityCode: z.string(),
  consId: z.string(),
  baseUrl: z.string(),
  updatedAt: z.string(),
});
export type CredentialsView = z.infer<typeof credentialsView>;

export const facilityParams = z.object({ code: FACILITY_CODE });

/** Per-facility Antrol credentials (admin). */
@Controller('v1/facilities/:code/bpjs-credentials')
export class CredentialsController {
  constructor(
    private readonly db: BridgeDb,
    private readonly sender: AntrolSender,
  ) {}

  @Put()
  async put(
    @Param(new ZodPipe(facilityParams)) p: z.infer<typeof facilityParams>,
    @Body(new ZodPipe(putCredentialsRequest)) body: z.infer<typeof putCredentialsRequest>,
  ): Promise<CredentialsView> {
    const row = await this.db.bpjsCredential.upsert({
      where: { facilityCode: p.code },
      create: { facilityCode: p.code, ...body },
      update: body,
    });
    this.sender.kick(); // calls waiting for these credentials can go now
    return view(row);
  }

  @Get()
  async get(
    @Param(new ZodPipe(facilityParams)) p: z.infer<typeof facilityParams>,
  ): Promise<CredentialsView> {
    const row = await this.db.bpjsCredential.findUnique({ where: { facilityCode: p.code } });
    if (!row)
      throw new DomainError(
        BridgeErrorCode.CredentialsNotFound,
        'Kredensial BPJS fasilitas ini belum diatur.',
      );
    return view(row);
  }
}

function view(row: {
  facilityCode: string;
  consId: string;
  baseUrl: string;
  updatedAt: Date;
}): CredentialsView {
  return {
    facilityCode: row.facilityCode,
    consId: row.consId,
    baseUrl: row.baseUrl,
    updatedAt: row.updatedAt.toISOString(),
  };
}
