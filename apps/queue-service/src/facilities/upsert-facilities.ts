import { randomUUID } from 'node:crypto';
import type { QueueDb } from '../database/queue-db';
import type { DemoFacility } from './demo/brebes';

/** Creates or updates facilities with their polis, doctors and schedules. Safe to run again. */
export async function upsertFacilities(db: QueueDb, facilities: DemoFacility[]): Promise<void> {
  for (const f of facilities) {
    await db.$transaction(async (tx) => {
      const data = {
        name: f.name,
        type: f.type,
        district: f.district,
        address: f.address,
        latitude: f.latitude,
        longitude: f.longitude,
      };
      await tx.facility.upsert({
        where: { code: f.code },
        create: { code: f.code, ...data },
        update: data,
      });
      for (const p of f.polis) {
        await tx.poli.upsert({
          where: { facilityCode_code: { facilityCode: f.code, code: p.code } },
          create: { facilityCode: f.code, ...p },
          update: { name: p.name, prefix: p.prefix },
        });
      }
      for (const d of f.doctors) {
        await tx.doctor.upsert({
          where: { facilityCode_code: { facilityCode: f.code, code: d.code } },
          create: { facilityCode: f.code, code: d.code, name: d.name, poliCode: d.poliCode },
          update: { name: d.name, poliCode: d.poliCode },
        });
        for (const s of d.schedules) {
          const key = {
            facilityCode: f.code,
            doctorCode: d.code,
            poliCode: d.poliCode,
            dayOfWeek: s.day,
            startTime: s.start,
          };
          await tx.practiceSchedule.upsert({
            where: { facilityCode_doctorCode_poliCode_dayOfWeek_startTime: key },
            create: {
              id: randomUUID(),
              ...key,
              endTime: s.end,
              quotaJkn: s.quotaJkn,
              quotaNonJkn: s.quotaNonJkn,
            },
            update: { endTime: s.end, quotaJkn: s.quotaJkn, quotaNonJkn: s.quotaNonJkn },
          });
        }
      }
    });
  }
}
