import { z } from 'zod';

/**
 * Patient identity fields as accepted at the public APIs (booking, referral), with the messages
 * shown to Indonesian users.
 */
/** Nomor Induk Kependudukan (KTP): 16 digits. */
export const NIK = z.string().regex(/^\d{16}$/, 'NIK harus 16 digit');
/** Nomor kartu JKN (BPJS Kesehatan): 13 digits. */
export const JKN_CARD = z.string().regex(/^\d{13}$/, 'nomor kartu JKN harus 13 digit');
/** Indonesian mobile number: 08…, 628… or +628…. */
export const PHONE_ID = z
  .string()
  .regex(/^(\+62|62|0)8\d{7,12}$/, 'nomor HP tidak valid, mis. 081234567890');
