-- Rows written before this migration keep plain values with identity_key_id NULL, and referral-service
-- seals them at start (src/patients/seal-identities.ts, the same step that rotates keys), so the
-- migration needs no key. Until then they are read as plain.

-- AlterTable
ALTER TABLE "referral" ADD COLUMN     "identity_erased_at" TIMESTAMPTZ(3),
ADD COLUMN     "identity_key_id" VARCHAR(32),
ALTER COLUMN "patient_nik" SET DATA TYPE TEXT,
ALTER COLUMN "patient_card_number" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "identity_access" ADD COLUMN     "action" VARCHAR(16) NOT NULL DEFAULT 'read',
ADD COLUMN     "caller" VARCHAR(100);

-- CreateIndex
CREATE INDEX "referral_patient_ref_idx" ON "referral"("patient_ref");

-- CreateIndex
CREATE INDEX "referral_identity_key_id_idx" ON "referral"("identity_key_id");

