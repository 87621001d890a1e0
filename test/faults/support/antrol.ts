import { eventually, getJson } from '@app/testing';
import type { Tally } from './invariants';
import type { SteadyLoad } from './load';

interface Received {
  bookings: Array<{ kodebooking: string; tasks: Array<{ taskid: number; waktu: number }> }>;
  calls: Array<{ path: string; kodebooking?: string; body: { taskid?: number }; code: number }>;
}
interface History {
  tasks: Array<{ taskId: number; at: number }>;
}

/**
 * The BPJS side of the steady load: every accepted booking's Antrol calls (the booking, then each
 * task id) reached the simulator exactly once each, in task order, equal to queue-service's
 * history. The simulator keeps what it accepted; an "already exists" answer (208, "sudah ada")
 * leaves that record as it was, so it counts as done, never as a second copy.
 */
export class AntrolInvariant {
  constructor(
    private readonly urls: { queue: string; bridge: string; sim: string },
    private readonly facility: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Waits until the bridge holds nothing pending, then compares; cumulative over the run. */
  async check(load: SteadyLoad, waitMs: number): Promise<Tally & { summary: string }> {
    const problems: string[] = [];
    try {
      await eventually(
        async () => {
          const view = await getJson<{ counts: Record<string, number> }>(
            `${this.urls.bridge}/v1/facilities/${this.facility}/antrol`,
            this.headers,
          );
          expect(view.status).toBe(200);
          expect(view.body.counts.pending ?? 0).toBe(0);
        },
        waitMs,
        500,
      );
    } catch (e) {
      problems.push(`Antrol: bpjs-bridge still has calls pending (${(e as Error).message})`);
    }
    const view = await getJson<{ counts: Record<string, number> }>(
      `${this.urls.bridge}/v1/facilities/${this.facility}/antrol`,
      this.headers,
    );
    if (view.body.counts.failed) problems.push(`Antrol: ${view.body.counts.failed} calls failed`);

    const received = (await getJson<Received>(`${this.urls.sim}/sim/v1/received`)).body;
    const byCode = new Map(received.bookings.map((b) => [b.kodebooking, b]));
    let lost = 0;
    const codes = load.bookings.filter((b) => b.outcome === 'accepted').map((b) => b.bookingCode!);
    for (const code of codes) {
      const history = await getJson<History>(
        `${this.urls.queue}/v1/tickets/${code}/history`,
        this.headers,
      );
      const expected = history.body.tasks.map((t) => `${t.taskId}@${t.at}`);
      const got = byCode.get(code);
      const have = got?.tasks.map((t) => `${t.taskid}@${t.waktu}`) ?? [];
      const missing = [...(got ? [] : ['add']), ...expected.filter((t) => !have.includes(t))];
      lost += missing.length;
      if (missing.length) problems.push(`Antrol ${code}: missing ${missing.join(', ')}`);
      else if (have.join() !== expected.join()) {
        problems.push(`Antrol ${code}: tasks ${have.join(' ')} ≠ history ${expected.join(' ')}`);
      }
    }
    // Accepted twice: the same call (add, or a task of a booking) answered 200 more than once.
    const ours = new Set(codes);
    const accepted = received.calls
      .filter((c) => c.code === 200 && c.kodebooking && ours.has(c.kodebooking))
      .map((c) => `${c.path} ${c.kodebooking} ${c.body.taskid ?? ''}`);
    const duplicated = accepted.length - new Set(accepted).size;
    if (duplicated) problems.push(`Antrol: ${duplicated} calls accepted twice`);
    const calls = codes.reduce((n, c) => n + 1 + (byCode.get(c)?.tasks.length ?? 0), 0);
    return {
      lost,
      duplicated,
      problems,
      summary: `BPJS Antrol so far: ${codes.length} bookings, ${calls} calls (add + task ids) at the simulator equal to queue-service's history`,
    };
  }
}
