-- AlterTable
ALTER TABLE "referral" ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "request_hash" CHAR(64);

-- CreateIndex
CREATE UNIQUE INDEX "referral_idempotency_key_key" ON "referral"("idempotency_key");
