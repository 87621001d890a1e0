import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { RawSql } from '@app/database';
import { ReferralDb } from '../database/referral-db';
import { matchesEntry } from './icd10';
import { NON_SPECIALIST_SEED, NON_SPECIALIST_SOURCE } from './non-specialist-seed';

export interface NonSpecialistEntry {
  code: string;
  name: string;
  active: boolean;
  source: string;
}

/**
 * The configurable list of diagnoses an FKTP treats itself. Seeded once with the documented set;
 * entries an administrator switched off stay off across restarts (the seed never overwrites).
 */
@Injectable()
export class NonSpecialistList implements OnApplicationBootstrap {
  private readonly logger = new Logger('NonSpecialistList');

  constructor(private readonly db: ReferralDb) {}

  async onApplicationBootstrap(): Promise<void> {
    const sourceParam = NON_SPECIALIST_SEED.length * 2 + 1;
    const values = NON_SPECIALIST_SEED.flatMap(([code, name]) => [code, name]);
    const rows = NON_SPECIALIST_SEED.map(
      (_, i) => `($${i * 2 + 1}, $${i * 2 + 2}, $${sourceParam}, now())`,
    );
    const inserted = await this.db.$executeRawUnsafe(
      `INSERT INTO non_specialist_diagnosis (code, name, source, updated_at)
       VALUES ${rows.join(', ')} ON CONFLICT (code) DO NOTHING`,
      ...values,
      NON_SPECIALIST_SOURCE,
    );
    if (inserted > 0) this.logger.log({ inserted }, 'non-specialist diagnoses seeded');
  }

  /** The active entry the code falls under, if any. */
  async match(code: string, tx: RawSql = this.db): Promise<NonSpecialistEntry | undefined> {
    const rows = await tx.$queryRawUnsafe<NonSpecialistEntry[]>(
      `SELECT code, name, active, source FROM non_specialist_diagnosis
       WHERE active AND (code = $1 OR code = $2)`,
      code,
      code.slice(0, 3),
    );
    return rows.find((r) => matchesEntry(code, r.code));
  }

  async list(): Promise<NonSpecialistEntry[]> {
    const rows = await this.db.nonSpecialistDiagnosis.findMany({ orderBy: { code: 'asc' } });
    return rows.map((r) => ({ code: r.code, name: r.name, active: r.active, source: r.source }));
  }

  async put(entry: NonSpecialistEntry): Promise<void> {
    await this.db.nonSpecialistDiagnosis.upsert({
      where: { code: entry.code },
      create: entry,
      update: { name: entry.name, active: entry.active, source: entry.source },
    });
  }
}
