import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { MASTER_DATA_TTL_MS, TtlCache } from '../cache/ttl-cache';
import { QueueDb } from '../database/queue-db';
import { QueueErrorCode } from '../errors';

export interface PoliInfo {
  facilityCode: string;
  code: string;
  name: string;
  prefix: string;
}

/**
 * Poli lookups on the booking path, cached: master data changes rarely, and every instance forgets
 * a changed facility at once (MasterDataChanges). An unknown poli is not cached.
 */
@Injectable()
export class PoliDirectory {
  private readonly cache = new TtlCache<PoliInfo>(MASTER_DATA_TTL_MS);

  constructor(private readonly db: QueueDb) {}

  invalidate(facilityCode: string): void {
    this.cache.deletePrefix(`${facilityCode}/`);
  }

  require(facilityCode: string, poliCode: string): Promise<PoliInfo> {
    return this.cache.get(`${facilityCode}/${poliCode}`, () => this.load(facilityCode, poliCode));
  }

  private async load(facilityCode: string, poliCode: string): Promise<PoliInfo> {
    const poli = await this.db.poli.findUnique({
      where: { facilityCode_code: { facilityCode, code: poliCode } },
    });
    if (!poli) {
      const facility = await this.db.facility.findUnique({ where: { code: facilityCode } });
      if (!facility) {
        throw new DomainError(
          QueueErrorCode.FacilityNotFound,
          `Faskes dengan kode ${facilityCode} tidak ditemukan.`,
        );
      }
      throw new DomainError(
        QueueErrorCode.PoliNotFound,
        `Poli ${poliCode} tidak tersedia di faskes ${facilityCode}.`,
      );
    }
    return { facilityCode, code: poli.code, name: poli.name, prefix: poli.prefix };
  }
}
