import { z } from 'zod';
import { baseServiceSchema, loadConfig, port, postgresUrl } from '@app/config';

export const referralConfigSchema = baseServiceSchema.extend({
  PORT: port(3002),
  HOST: z.string().default('127.0.0.1'),
  REFERRAL_DATABASE_URL: postgresUrl,
});

export type ReferralConfig = z.infer<typeof referralConfigSchema>;
export const REFERRAL_CONFIG = Symbol('REFERRAL_CONFIG');
export const loadReferralConfig = (): ReferralConfig => loadConfig(referralConfigSchema);
