import { z } from 'zod';
import { STATIONS } from '@app/contracts';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'jam berformat HH:MM');
const POLI = z.string().regex(/^[A-Z]{3}$/, 'kode poli BPJS: 3 huruf besar');

/** The whole master record of a facility, as a facility admin maintains it. */
export const facilityRequest = z
  .object({
    name: z.string().trim().min(3).max(200),
    type: z.enum(['FKTP', 'FKRTL']),
    district: z.string().trim().min(2).max(100),
    address: z.string().max(300).optional(),
    latitude: z.number().min(-11).max(6).optional(),
    longitude: z.number().min(94).max(142).optional(),
    polis: z
      .array(
        z
          .object({
            code: POLI,
            name: z.string().trim().min(2).max(100),
            prefix: z.string().regex(/^[A-Z]{1,4}$/, 'prefiks nomor 1–4 huruf besar'),
            subspecialties: z.array(z.string().regex(/^[A-Z0-9]{3,6}$/)).default([]),
          })
          .strict(),
      )
      .min(1),
    doctors: z
      .array(
        z
          .object({
            code: z.string().regex(/^\d{1,12}$/, 'kode dokter BPJS berupa angka'),
            name: z.string().trim().min(3).max(200),
            poliCode: POLI,
            schedules: z.array(
              z
                .object({
                  day: z.number().int().min(1).max(8),
                  start: HHMM,
                  end: HHMM,
                  quotaJkn: z.number().int().min(0).max(10_000),
                  quotaNonJkn: z.number().int().min(0).max(10_000),
                })
                .strict()
                .refine((s) => s.start < s.end, 'jam mulai harus sebelum jam selesai'),
            ),
          })
          .strict(),
      )
      .default([]),
    counters: z
      .array(
        z
          .object({
            code: z.string().regex(/^[A-Z0-9-]{1,20}$/),
            name: z.string().trim().min(2).max(100),
            station: z.enum(STATIONS),
            poliCodes: z.array(POLI).default([]),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    const polis = new Set(f.polis.map((p) => p.code));
    f.doctors.forEach((d, i) => {
      if (!polis.has(d.poliCode))
        ctx.addIssue({
          code: 'custom',
          path: ['doctors', i, 'poliCode'],
          message: `poli ${d.poliCode} tidak ada di daftar poli`,
        });
    });
    f.counters.forEach((c, i) =>
      c.poliCodes.forEach((p) => {
        if (!polis.has(p))
          ctx.addIssue({
            code: 'custom',
            path: ['counters', i, 'poliCodes'],
            message: `poli ${p} tidak ada di daftar poli`,
          });
      }),
    );
  });

export type FacilityRequest = z.infer<typeof facilityRequest>;
