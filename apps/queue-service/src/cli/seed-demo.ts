import { loadConfig, postgresUrl } from '@app/config';
import { z } from 'zod';
import { QueueDb } from '../database/queue-db';
import { BREBES_FACILITIES } from '../facilities/demo/brebes';
import { upsertFacilities } from '../facilities/upsert-facilities';

/** `node dist/apps/queue-service/src/cli/seed-demo.js`: loads the Brebes demo facilities. */
async function main(): Promise<void> {
  const { QUEUE_DATABASE_URL } = loadConfig(z.object({ QUEUE_DATABASE_URL: postgresUrl }));
  const db = new QueueDb(QUEUE_DATABASE_URL);
  try {
    await upsertFacilities(db, BREBES_FACILITIES);
    console.log(`[demo] ${BREBES_FACILITIES.length} Brebes facilities loaded`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  console.error(`[demo] seeding failed: ${(e as Error).message}`);
  process.exit(1);
});
