import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { QueueDb, type QueueTx } from '../database/queue-db';
import { QueueErrorCode } from '../errors';

export interface CounterInfo {
  facilityCode: string;
  code: string;
  name: string;
  station: 'admisi' | 'poli' | 'farmasi';
  poliCodes: string[];
}

/** Counters (loket, ruang poli, farmasi) and the queues each serves. */
@Injectable()
export class CounterDirectory {
  constructor(private readonly db: QueueDb) {}

  /** Locks the counter row for the rest of the transaction: one operation per counter at a time. */
  async lock(tx: QueueTx, facilityCode: string, code: string): Promise<CounterInfo> {
    const rows = await tx.$queryRawUnsafe<
      Array<{ code: string; name: string; station: string; poli_codes: string[] }>
    >(
      'SELECT code, name, station, poli_codes FROM counter WHERE facility_code = $1 AND code = $2 FOR UPDATE',
      facilityCode,
      code,
    );
    const row = rows[0];
    if (!row)
      throw new DomainError(
        QueueErrorCode.CounterNotFound,
        `Loket ${code} tidak ada di faskes ${facilityCode}.`,
      );
    return {
      facilityCode,
      code: row.code,
      name: row.name,
      station: row.station as CounterInfo['station'],
      poliCodes: row.poli_codes,
    };
  }

  async list(facilityCode: string): Promise<CounterInfo[]> {
    const rows = await this.db.counter.findMany({
      where: { facilityCode },
      orderBy: { code: 'asc' },
    });
    return rows.map((r) => ({
      facilityCode,
      code: r.code,
      name: r.name,
      station: r.station as CounterInfo['station'],
      poliCodes: r.poliCodes,
    }));
  }
}
