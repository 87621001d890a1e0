import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventTypes, type FacilityUpsertedV1 } from '@app/contracts';
import { appendToOutbox } from '@app/database';
import { buildEvent, OutboxRelay, toOutboxMessage } from '@app/messaging';
import { QueueDb, type QueueTx } from '../../database/queue-db';
import { MasterDataChanges } from '../master-data-changes';
import type { FacilityRequest } from './facility.request';

/**
 * Creates or replaces a facility's master data (polis, doctors, schedules, counters) and publishes
 * the whole record on the compacted facilities topic, in one transaction.
 */
@Injectable()
export class UpsertFacility {
  constructor(
    private readonly db: QueueDb,
    private readonly relay: OutboxRelay,
    private readonly changes: MasterDataChanges,
  ) {}

  async execute(
    code: string,
    f: FacilityRequest,
    correlationId: string,
  ): Promise<FacilityUpsertedV1> {
    const record = await this.db.$transaction((tx) => writeFacility(tx, code, f, correlationId), {
      maxWait: 10_000,
      timeout: 30_000,
    });
    this.relay.kick();
    await this.changes.changed(code);
    return record;
  }
}

/** The write itself, usable without Nest (the demo seeder). */
export async function writeFacility(
  tx: QueueTx,
  code: string,
  f: FacilityRequest,
  correlationId: string,
): Promise<FacilityUpsertedV1> {
  const data = {
    name: f.name,
    type: f.type,
    district: f.district,
    address: f.address ?? null,
    latitude: f.latitude ?? null,
    longitude: f.longitude ?? null,
  };
  await tx.facility.upsert({ where: { code }, create: { code, ...data }, update: data });
  for (const p of f.polis) {
    const fields = { name: p.name, prefix: p.prefix, subspecialties: p.subspecialties };
    await tx.poli.upsert({
      where: { facilityCode_code: { facilityCode: code, code: p.code } },
      create: { facilityCode: code, code: p.code, ...fields },
      update: fields,
    });
  }
  // Schedules and counters are replaced as a whole: what the admin sent is the truth.
  await tx.practiceSchedule.deleteMany({ where: { facilityCode: code } });
  for (const d of f.doctors) {
    await tx.doctor.upsert({
      where: { facilityCode_code: { facilityCode: code, code: d.code } },
      create: { facilityCode: code, code: d.code, name: d.name, poliCode: d.poliCode },
      update: { name: d.name, poliCode: d.poliCode },
    });
    for (const s of d.schedules) {
      await tx.practiceSchedule.create({
        data: {
          id: randomUUID(),
          facilityCode: code,
          doctorCode: d.code,
          poliCode: d.poliCode,
          dayOfWeek: s.day,
          startTime: s.start,
          endTime: s.end,
          quotaJkn: s.quotaJkn,
          quotaNonJkn: s.quotaNonJkn,
        },
      });
    }
  }
  await tx.counter.deleteMany({ where: { facilityCode: code } });
  if (f.counters.length) {
    await tx.counter.createMany({ data: f.counters.map((c) => ({ facilityCode: code, ...c })) });
  }
  const record: FacilityUpsertedV1 = {
    code,
    ...data,
    type: f.type,
    polis: f.polis.map((p) => ({
      code: p.code,
      name: p.name,
      prefix: p.prefix,
      subspecialties: p.subspecialties,
    })),
    doctors: f.doctors.map((d) => ({
      code: d.code,
      name: d.name,
      poliCode: d.poliCode,
      schedules: d.schedules.map((s) => ({
        dayOfWeek: s.day,
        start: s.start,
        end: s.end,
        quotaJkn: s.quotaJkn,
        quotaNonJkn: s.quotaNonJkn,
      })),
    })),
    counters: f.counters,
    updatedAt: new Date().toISOString(),
  };
  const event = buildEvent(EventTypes.FacilityUpserted, record, {
    producer: 'queue-service',
    correlationId,
    key: code,
  });
  await appendToOutbox(tx, [toOutboxMessage(event)]);
  return record;
}
