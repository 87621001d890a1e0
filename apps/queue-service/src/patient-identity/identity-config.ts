/** Shared with referral-service (libs/patient-data) and the other services (libs/config). */
export { identityEncryptionKeys } from '@app/patient-data';
