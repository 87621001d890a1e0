import {
  AntrolMessage,
  type AntreanAddRequest,
  type BatalRequest,
  type FarmasiAddRequest,
  type UpdateWaktuRequest,
} from '@app/bpjs';

export interface Answer {
  code: number;
  message: string;
  response?: unknown;
}

export interface ReceivedTask {
  taskid: number;
  waktu: number;
  receivedAt: number;
}

/** What the simulated BPJS holds of one booking (per cons-id: each facility sees its own). */
export interface ReceivedBooking {
  consId: string;
  kodebooking: string;
  add: AntreanAddRequest;
  tasks: ReceivedTask[];
  batal?: BatalRequest & { receivedAt: number };
  farmasi?: FarmasiAddRequest & { receivedAt: number };
}

/** Every call, accepted or not, in arrival order. */
export interface ReceivedCall {
  consId: string;
  path: string;
  kodebooking?: string;
  body: unknown;
  code: number;
  message: string;
  at: number;
}

const OK: Answer = { code: 200, message: AntrolMessage.Ok };
const fail = (message: string): Answer => ({ code: 201, message });

/**
 * The task that must be there before `taskId`, given what was received: 1–2 are admisi (new
 * patients only), so 3 needs 2 only when 1 was sent; 99 (batal) needs nothing.
 */
export function requiredPredecessor(taskId: number, received: number[]): number | undefined {
  switch (taskId) {
    case 1:
    case 99:
      return undefined;
    case 3:
      return received.includes(1) ? 2 : undefined;
    default:
      return taskId - 1;
  }
}

/**
 * Antrol's rules as BPJS enforces them, with its own words: duplicate booking codes (208), tasks
 * already there, tasks whose predecessor was not sent, times that go back. Kept in memory: the
 * simulator is a test double, restarted empty (documented in its README).
 */
export class AntrolLedger {
  private readonly bookings = new Map<string, ReceivedBooking>();
  readonly calls: ReceivedCall[] = [];

  private key(consId: string, kodebooking: string): string {
    return `${consId}\u0000${kodebooking}`;
  }

  add(consId: string, req: AntreanAddRequest, now: number): Answer {
    const key = this.key(consId, req.kodebooking);
    if (this.bookings.has(key)) return { code: 208, message: AntrolMessage.DuplicateBooking };
    this.bookings.set(key, { consId, kodebooking: req.kodebooking, add: req, tasks: [] });
    void now;
    return OK;
  }

  updateWaktu(consId: string, req: UpdateWaktuRequest, now: number): Answer {
    const booking = this.bookings.get(this.key(consId, req.kodebooking));
    if (!booking) return fail(AntrolMessage.BookingNotFound);
    const ids = booking.tasks.map((t) => t.taskid);
    if (ids.includes(req.taskid)) return fail(AntrolMessage.taskExists(req.taskid));
    if (booking.batal && req.taskid !== 99) return fail(AntrolMessage.AlreadyCancelled);
    const needed = requiredPredecessor(req.taskid, ids);
    if (needed !== undefined && !ids.includes(needed))
      return fail(AntrolMessage.PreviousTaskMissing);
    if (req.taskid !== 99 && ids.some((t) => t !== 99 && t > req.taskid))
      return fail(`TaskId=${req.taskid} tidak sesuai urutan`);
    const last = booking.tasks.at(-1);
    if (last && req.waktu <= last.waktu)
      return fail(`waktu TaskId=${req.taskid} tidak boleh kurang dari waktu TaskId=${last.taskid}`);
    booking.tasks.push({ taskid: req.taskid, waktu: req.waktu, receivedAt: now });
    return OK;
  }

  batal(consId: string, req: BatalRequest, now: number): Answer {
    const booking = this.bookings.get(this.key(consId, req.kodebooking));
    if (!booking || booking.batal) return fail(AntrolMessage.AlreadyCancelled);
    booking.batal = { ...req, receivedAt: now };
    return OK;
  }

  farmasiAdd(consId: string, req: FarmasiAddRequest, now: number): Answer {
    const booking = this.bookings.get(this.key(consId, req.kodebooking));
    if (!booking) return fail(AntrolMessage.BookingNotFound);
    if (booking.farmasi) return fail(AntrolMessage.FarmasiExists);
    booking.farmasi = { ...req, receivedAt: now };
    return {
      ...OK,
      response: {
        jenisresep: req.jenisresep,
        nomorantrean: req.nomorantrean,
        keterangan: req.keterangan,
      },
    };
  }

  listTask(consId: string, kodebooking: string): Answer {
    const booking = this.bookings.get(this.key(consId, kodebooking));
    if (!booking) return fail(AntrolMessage.BookingNotFound);
    return {
      ...OK,
      response: booking.tasks.map((t) => ({
        wakturs: new Date(t.receivedAt).toISOString(),
        waktu: new Date(t.waktu).toISOString(),
        taskname: TASK_NAMES[t.taskid] ?? `task ${t.taskid}`,
        taskid: t.taskid,
        kodebooking,
      })),
    };
  }

  record(call: ReceivedCall): void {
    this.calls.push(call);
  }

  received(kodebooking?: string): { bookings: ReceivedBooking[]; calls: ReceivedCall[] } {
    const match = <T extends { kodebooking?: string }>(x: T) =>
      kodebooking === undefined || x.kodebooking === kodebooking;
    return {
      bookings: [...this.bookings.values()].filter(match),
      calls: this.calls.filter(match),
    };
  }

  reset(): void {
    this.bookings.clear();
    this.calls.length = 0;
  }
}

const TASK_NAMES: Record<number, string> = {
  1: 'mulai waktu tunggu admisi',
  2: 'akhir waktu tunggu admisi/mulai waktu layan admisi',
  3: 'akhir waktu layan admisi/mulai waktu tunggu poli',
  4: 'akhir waktu tunggu poli/mulai waktu layan poli',
  5: 'akhir waktu layan poli/mulai waktu tunggu farmasi',
  6: 'akhir waktu tunggu farmasi/mulai waktu layan farmasi',
  7: 'akhir waktu obat selesai dibuat',
  99: 'tidak hadir/batal',
};
