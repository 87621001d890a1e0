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
 * antrean/add's patient identifiers as BPJS checks them: a JKN patient needs a 13-digit card
 * number, a NON JKN patient sends nomorkartu empty and must give a 16-digit NIK; a NIK, phone or
 * medical record number that is given must have the right form. Returns BPJS's refusal, if any.
 */
export function identityProblem(req: AntreanAddRequest): string | undefined {
  const card = req.nomorkartu ?? '';
  const nik = req.nik ?? '';
  if (req.jenispasien === 'JKN') {
    if (card === '') return 'Nomor Kartu Belum Diisi';
    if (!/^\d{13}$/.test(card)) return 'Format Nomor Kartu Tidak Sesuai';
  } else if (card !== '') return 'Nomor Kartu harus dikosongkan untuk pasien NON JKN';
  if (nik === '' && req.jenispasien !== 'JKN') return 'NIK Belum Diisi';
  if (nik !== '' && !/^\d{16}$/.test(nik)) return 'Format NIK Tidak Sesuai';
  if (req.nohp && !/^08\d{7,12}$/.test(req.nohp)) return 'Format No HP Tidak Sesuai';
  if (req.norm && !/^[0-9A-Za-z./-]{1,20}$/.test(req.norm)) return 'Format No RM Tidak Sesuai';
  return undefined;
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
    const problem = identityProblem(req);
    if (problem) return fail(problem);
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

  /** What was received, for one booking code, or the bookings of one NIK or card number. */
  received(q: { kodebooking?: string; nik?: string; nomorkartu?: string } = {}): {
    bookings: ReceivedBooking[];
    calls: ReceivedCall[];
  } {
    const bookings = [...this.bookings.values()].filter(
      (b) =>
        (q.kodebooking === undefined || b.kodebooking === q.kodebooking) &&
        (q.nik === undefined || b.add.nik === q.nik) &&
        (q.nomorkartu === undefined || b.add.nomorkartu === q.nomorkartu),
    );
    const codes = new Set(bookings.map((b) => b.kodebooking));
    const byPatient = q.nik !== undefined || q.nomorkartu !== undefined;
    return {
      bookings,
      calls: this.calls.filter(
        (c) =>
          (q.kodebooking === undefined || c.kodebooking === q.kodebooking) &&
          (!byPatient || (c.kodebooking !== undefined && codes.has(c.kodebooking))),
      ),
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
