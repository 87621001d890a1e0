import { Injectable } from '@nestjs/common';
import type { EventEnvelope, FacilityUpsertedV1 } from '@app/contracts';
import { DomainError } from '@app/http';
import { ReferralDb, type ReferralTx } from '../database/referral-db';
import { ReferralErrorCode } from '../errors';

export interface FacilityRecord {
  code: string;
  name: string;
  type: 'FKTP' | 'FKRTL';
  district: string;
  latitude: number | null;
  longitude: number | null;
  polis: FacilityUpsertedV1['polis'];
  doctors: FacilityUpsertedV1['doctors'];
}

/**
 * referral-service's own copy of facility master data, learned from `queue.facility.upserted`
 * (compacted topic: replaying it rebuilds this table). Older records never overwrite newer ones.
 */
@Injectable()
export class FacilityDirectory {
  constructor(private readonly db: ReferralDb) {}

  async apply(
    event: EventEnvelope<'queue.facility.upserted', FacilityUpsertedV1>,
    tx: ReferralTx,
  ): Promise<void> {
    const f = event.payload;
    await tx.$executeRawUnsafe(
      `INSERT INTO facility (code, name, type, district, latitude, longitude, polis, doctors,
         source_updated_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::timestamptz, now())
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type,
         district = EXCLUDED.district, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
         polis = EXCLUDED.polis, doctors = EXCLUDED.doctors,
         source_updated_at = EXCLUDED.source_updated_at, updated_at = now()
       WHERE facility.source_updated_at <= EXCLUDED.source_updated_at`,
      f.code,
      f.name,
      f.type,
      f.district,
      f.latitude,
      f.longitude,
      JSON.stringify(f.polis),
      JSON.stringify(f.doctors),
      f.updatedAt,
    );
  }

  async find(code: string): Promise<FacilityRecord | undefined> {
    const f = await this.db.facility.findUnique({ where: { code } });
    return f ? toRecord(f) : undefined;
  }

  async hospitals(): Promise<FacilityRecord[]> {
    const rows = await this.db.facility.findMany({ where: { type: 'FKRTL' } });
    return rows.map(toRecord);
  }

  /** The destination must be a known hospital that has the poli (and sub-specialty) asked for. */
  async requirePoli(
    code: string,
    poliCode: string,
    subspecialty?: string,
  ): Promise<FacilityRecord> {
    const f = await this.find(code);
    if (!f || f.type !== 'FKRTL') {
      throw new DomainError(
        ReferralErrorCode.UnknownFacility,
        `Faskes tujuan ${code} tidak dikenal sebagai rumah sakit (FKRTL).`,
        { facilityCode: code },
      );
    }
    const poli = f.polis.find((p) => p.code === poliCode);
    if (!poli || (subspecialty && !poli.subspecialties.includes(subspecialty))) {
      throw new DomainError(
        ReferralErrorCode.PoliNotAvailable,
        `${f.name} tidak melayani poli ${poliCode}${subspecialty ? ` subspesialis ${subspecialty}` : ''}.`,
        { facilityCode: code, poliCode, subspecialty },
      );
    }
    return f;
  }
}

function toRecord(f: {
  code: string;
  name: string;
  type: string;
  district: string;
  latitude: number | null;
  longitude: number | null;
  polis: unknown;
  doctors: unknown;
}): FacilityRecord {
  return {
    code: f.code,
    name: f.name,
    type: f.type === 'FKRTL' ? 'FKRTL' : 'FKTP',
    district: f.district,
    latitude: f.latitude,
    longitude: f.longitude,
    polis: f.polis as FacilityRecord['polis'],
    doctors: f.doctors as FacilityRecord['doctors'],
  };
}
