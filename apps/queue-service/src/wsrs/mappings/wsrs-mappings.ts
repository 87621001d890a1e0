import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { DomainError } from '@app/http';
import { QueueDb } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';

export type CodeKind = 'poli' | 'dokter';

const pair = (local: RegExp, what: string) =>
  z
    .object({
      bpjsCode: z.string().regex(/^[A-Z0-9]{1,12}$/, `kode ${what} BPJS tidak valid`),
      localCode: z.string().regex(local, `kode ${what} faskes tidak valid`),
    })
    .strict();

/** The whole mapping of a facility: BPJS code → the facility's own code. Absent = identity. */
export const wsrsMappingsRequest = z
  .object({
    poli: z
      .array(pair(/^[A-Z]{3}$/, 'poli'))
      .max(500)
      .default([]),
    dokter: z
      .array(pair(/^\d{1,12}$/, 'dokter'))
      .max(5000)
      .default([]),
  })
  .strict();
export type WsrsMappings = z.infer<typeof wsrsMappingsRequest>;

/**
 * BPJS poli and doctor codes may differ from the ones a facility uses in its own master data
 * (e.g. BPJS sub-specialty `018` served by the facility's poli `BED`). WS RS calls translate
 * through this table; a code without a row is taken as the facility's own.
 */
@Injectable()
export class WsrsCodeMappings {
  constructor(private readonly db: QueueDb) {}

  async toLocal(facilityCode: string, kind: CodeKind, bpjsCode: string): Promise<string> {
    const row = await this.db.wsrsCodeMapping.findUnique({
      where: { facilityCode_kind_bpjsCode: { facilityCode, kind, bpjsCode } },
    });
    return row?.localCode ?? bpjsCode;
  }

  /** The BPJS code of one of the facility's codes (identity when unmapped). */
  async toBpjs(facilityCode: string, kind: CodeKind, localCode: string): Promise<string> {
    const row = await this.db.wsrsCodeMapping.findFirst({
      where: { facilityCode, kind, localCode },
      orderBy: { bpjsCode: 'asc' },
    });
    return row?.bpjsCode ?? localCode;
  }

  async get(facilityCode: string): Promise<WsrsMappings> {
    const rows = await this.db.wsrsCodeMapping.findMany({
      where: { facilityCode },
      orderBy: [{ kind: 'asc' }, { bpjsCode: 'asc' }],
    });
    const of = (kind: CodeKind) =>
      rows
        .filter((r) => r.kind === kind)
        .map((r) => ({ bpjsCode: r.bpjsCode, localCode: r.localCode }));
    return { poli: of('poli'), dokter: of('dokter') };
  }

  /** Replaces the facility's whole mapping. */
  async replace(facilityCode: string, m: WsrsMappings): Promise<WsrsMappings> {
    const facility = await this.db.facility.findUnique({ where: { code: facilityCode } });
    if (!facility) {
      throw new DomainError(
        QueueErrorCode.FacilityNotFound,
        `Faskes dengan kode ${facilityCode} tidak ditemukan.`,
      );
    }
    const rows = [
      ...m.poli.map((p) => ({ facilityCode, kind: 'poli', ...p })),
      ...m.dokter.map((d) => ({ facilityCode, kind: 'dokter', ...d })),
    ];
    await this.db.$transaction([
      this.db.wsrsCodeMapping.deleteMany({ where: { facilityCode } }),
      this.db.wsrsCodeMapping.createMany({ data: rows, skipDuplicates: true }),
    ]);
    return this.get(facilityCode);
  }
}
