import { loadConfig, postgresUrl } from '@app/config';
import { z } from 'zod';
import { QueueDb } from '../database/queue-db';
import { BREBES_FACILITIES } from '../facilities/demo/brebes';
import { demoClinicDay, demoDay } from '../facilities/demo/demo-day';
import { upsertFacilities } from '../facilities/upsert-facilities';
import { todayIn } from '../tickets/service-date';

/** `node dist/apps/queue-service/src/cli/seed-demo.js`: loads the Brebes demo facilities. */
async function main(): Promise<void> {
  const { QUEUE_DATABASE_URL } = loadConfig(z.object({ QUEUE_DATABASE_URL: postgresUrl }));
  const db = new QueueDb(QUEUE_DATABASE_URL);
  try {
    await upsertFacilities(db, BREBES_FACILITIES);
    console.log(`[demo] ${BREBES_FACILITIES.length} Brebes facilities loaded`);
    await seedClinicDay(db);
  } finally {
    await db.$disconnect();
  }
}

/** A past clinic day for the district dashboard; facilities that already have tickets that day keep them. */
async function seedClinicDay(db: QueueDb): Promise<void> {
  const date = demoClinicDay(todayIn('Asia/Jakarta'));
  const busy = await db.ticket.findMany({
    where: { serviceDate: new Date(`${date}T00:00:00Z`) },
    distinct: ['facilityCode'],
    select: { facilityCode: true },
  });
  const taken = new Set(busy.map((t) => t.facilityCode));
  const { tickets, tasks } = demoDay(
    BREBES_FACILITIES.filter((f) => !taken.has(f.code)),
    date,
  );
  await db.$transaction([
    db.ticket.createMany({ data: tickets }),
    db.ticketTask.createMany({ data: tasks }),
  ]);
  // scripts/start.ts reads the date from this line for the dashboard's URL.
  console.log(`[demo] clinic day ${date}: ${tickets.length} past tickets`);
}

main().catch((e: unknown) => {
  console.error(`[demo] seeding failed: ${(e as Error).message}`);
  process.exit(1);
});
