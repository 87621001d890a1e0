import { z } from 'zod';
import { FACILITY_CODE } from '@app/contracts';
import { STAFF_ROLES } from './roles';

export const USERNAME = z
  .string()
  .regex(/^[a-z0-9._-]{3,64}$/, 'huruf kecil, angka, . _ - (3-64 karakter)');

export const loginRequest = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

export const refreshRequest = z.object({ refreshToken: z.string().min(1).max(256) }).strict();
export const logoutRequest = z
  .object({ refreshToken: z.string().min(1).max(256).optional() })
  .strict();

export const createAccountRequest = z
  .object({
    username: USERNAME,
    password: z.string().min(12, 'minimal 12 karakter').max(256),
    displayName: z.string().trim().min(1).max(120),
    role: z.enum(STAFF_ROLES as [(typeof STAFF_ROLES)[number], ...(typeof STAFF_ROLES)[number][]]),
    facilityCode: FACILITY_CODE.optional(),
    district: z.string().trim().min(2).max(100).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const needsFacility = ['desk', 'fktp_doctor', 'hospital_referral', 'facility_admin'].includes(
      a.role,
    );
    if (needsFacility !== (a.facilityCode !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['facilityCode'],
        message: needsFacility ? 'wajib untuk peran ini' : 'tidak dipakai untuk peran ini',
      });
    if ((a.role === 'district_officer') !== (a.district !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['district'],
        message:
          a.role === 'district_officer' ? 'wajib untuk peran ini' : 'tidak dipakai untuk peran ini',
      });
  });
export type CreateAccountRequest = z.infer<typeof createAccountRequest>;
