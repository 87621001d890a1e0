import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { QueueDb } from '../database/queue-db';
import { QueueErrorCode } from '../errors';

export interface PoliInfo {
  facilityCode: string;
  code: string;
  name: string;
  prefix: string;
}

const TTL_MS = 30_000;

/** Poli lookups on the booking path, cached briefly: master data changes rarely. */
@Injectable()
export class PoliDirectory {
  private readonly cache = new Map<string, { at: number; poli: PoliInfo }>();

  constructor(private readonly db: QueueDb) {}

  invalidate(facilityCode: string): void {
    for (const key of this.cache.keys())
      if (key.startsWith(`${facilityCode}/`)) this.cache.delete(key);
  }

  async require(facilityCode: string, poliCode: string): Promise<PoliInfo> {
    const key = `${facilityCode}/${poliCode}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.poli;
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
    const info = { facilityCode, code: poli.code, name: poli.name, prefix: poli.prefix };
    this.cache.set(key, { at: Date.now(), poli: info });
    return info;
  }
}
