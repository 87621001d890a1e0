import { z } from 'zod';

/** Antrol paths, relative to a facility's base URL (e.g. https://apijkn.bpjs-kesehatan.go.id/antreanrs). */
export const AntrolPath = {
  Add: '/antrean/add',
  UpdateWaktu: '/antrean/updatewaktu',
  Batal: '/antrean/batal',
  FarmasiAdd: '/antrean/farmasi/add',
  GetListTask: '/antrean/getlisttask',
} as const;
export type AntrolPath = (typeof AntrolPath)[keyof typeof AntrolPath];

/** The task ids Antrol knows: 1–2 admisi (new patients), 3 wait poli, 4–5 poli, 6–7 farmasi, 99 batal. */
export const ANTROL_TASK_IDS = [1, 2, 3, 4, 5, 6, 7, 99] as const;

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');

/** antrean/add: a booking as BPJS wants it reported. */
export const antreanAddRequest = z
  .object({
    kodebooking: z.string().min(1).max(50),
    jenispasien: z.enum(['JKN', 'NON JKN']),
    nomorkartu: z.string().max(13).optional(),
    nik: z.string().max(16).optional(),
    nohp: z.string().max(15).optional(),
    kodepoli: z.string().min(1).max(5),
    namapoli: z.string().min(1),
    /** 1 = a new patient at this hospital, 0 = known. */
    pasienbaru: z.union([z.literal(0), z.literal(1)]),
    norm: z.string().optional(),
    tanggalperiksa: DATE,
    kodedokter: z.union([z.number().int(), z.string().min(1)]).optional(),
    namadokter: z.string().optional(),
    jampraktek: z
      .string()
      .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/)
      .optional(),
    /** 1 rujukan FKTP, 2 rujukan internal, 3 kontrol, 4 rujukan antar RS. */
    jeniskunjungan: z.number().int().min(1).max(4).optional(),
    nomorreferensi: z.string().optional(),
    nomorantrean: z.string().min(1),
    angkaantrean: z.number().int().positive(),
    /** Epoch milliseconds. */
    estimasidilayani: z.number().int().positive(),
    sisakuotajkn: z.number().int().min(0).optional(),
    kuotajkn: z.number().int().min(0).optional(),
    sisakuotanonjkn: z.number().int().min(0).optional(),
    kuotanonjkn: z.number().int().min(0).optional(),
    keterangan: z.string().optional(),
  })
  .strict();
export type AntreanAddRequest = z.infer<typeof antreanAddRequest>;

export const updateWaktuRequest = z
  .object({
    kodebooking: z.string().min(1).max(50),
    taskid: z.union(
      ANTROL_TASK_IDS.map((n) => z.literal(n)) as [z.ZodLiteral<1>, ...z.ZodLiteral<number>[]],
    ),
    /** Epoch milliseconds. */
    waktu: z.number().int().positive(),
  })
  .strict();
export type UpdateWaktuRequest = z.infer<typeof updateWaktuRequest>;

export const batalRequest = z
  .object({ kodebooking: z.string().min(1).max(50), keterangan: z.string().min(1).max(500) })
  .strict();
export type BatalRequest = z.infer<typeof batalRequest>;

export const farmasiAddRequest = z
  .object({
    kodebooking: z.string().min(1).max(50),
    jenisresep: z.enum(['racikan', 'non racikan']),
    nomorantrean: z.number().int().positive(),
    keterangan: z.string().max(500),
  })
  .strict();
export type FarmasiAddRequest = z.infer<typeof farmasiAddRequest>;

export const getListTaskRequest = z.object({ kodebooking: z.string().min(1).max(50) }).strict();

/** One entry of antrean/getlisttask's (decrypted) response. */
export const listTaskEntry = z.object({
  wakturs: z.string(),
  waktu: z.string(),
  taskname: z.string(),
  taskid: z.number().int(),
  kodebooking: z.string(),
});

/** Every Antrol answer: `response` is encrypted text when present. */
export const antrolEnvelope = z.object({
  metadata: z.object({ code: z.coerce.number().int(), message: z.string() }),
  response: z.unknown().optional(),
});
export type AntrolEnvelope = z.infer<typeof antrolEnvelope>;

/** The answers BPJS really gives, word for word, that the sender must recognise. */
export const AntrolMessage = {
  Ok: 'Ok.',
  DuplicateBooking: 'Terdapat duplikasi Kode Booking',
  taskExists: (taskId: number) => `TaskId=${taskId} sudah ada`,
  PreviousTaskMissing: 'TaskId sebelumnya belum terkirim',
  BookingNotFound: 'Kode Booking tidak ditemukan',
  AlreadyCancelled: 'Antrean Tidak Ditemukan atau Sudah Dibatalkan',
  FarmasiExists: 'Antrean farmasi sudah ada',
} as const;

/** What a sender should do with an Antrol answer. */
export type AntrolOutcome = 'done' | 'previous-task-missing' | 'rejected';

/** 200 is done; "already there" answers (208, "sudah ada", already cancelled) count as done too. */
export function classifyAntrolAnswer(metadata: { code: number; message: string }): AntrolOutcome {
  if (metadata.code === 200 || metadata.code === 208) return 'done';
  if (/TaskId sebelumnya belum terkirim/i.test(metadata.message)) return 'previous-task-missing';
  if (/sudah ada|duplikasi|Sudah Dibatalkan/i.test(metadata.message)) return 'done';
  return 'rejected';
}
