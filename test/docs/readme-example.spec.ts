import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bookTicketRequest } from '../../apps/queue-service/src/tickets/book-ticket/book-ticket.request';

/**
 * The README's "Try it" booking must be one queue-service accepts: a valid body, with the phone an
 * online booking needs, for a date the shell fills in (tomorrow: today's sessions may be over).
 */
describe('README booking example', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const block = /Try it once `npm start` is up[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

  it('is a booking request queue-service accepts', () => {
    expect(block).toContain('/api/v1/facilities/3329R001/tickets');
    expect(block).toMatch(/-H 'Idempotency-Key: [^']+'/);
    const data = /-d '([\s\S]*?)'\s*$/.exec(block.trim())?.[1];
    expect(data).toBeDefined();
    // The shell splices in tomorrow's date: '"$(TZ=Asia/Jakarta date -d tomorrow +%F)"'
    const body = data!.replace(`'"$(TZ=Asia/Jakarta date -d tomorrow +%F)"'`, '2026-12-08');
    const parsed = bookTicketRequest.safeParse(JSON.parse(body));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.serviceDate).toBe('2026-12-08');
    expect(parsed.data?.patient.phone).toBeDefined(); // online bookings need it
  });
});
