-- CreateTable
CREATE TABLE "identity_access" (
    "seq" BIGSERIAL NOT NULL,
    "referral_id" UUID NOT NULL,
    "accessor" VARCHAR(100) NOT NULL,
    "purpose" VARCHAR(100) NOT NULL,
    "fields" TEXT[],
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_access_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "identity_access_referral_id_seq_idx" ON "identity_access"("referral_id", "seq");

-- CreateIndex
CREATE INDEX "identity_access_at_idx" ON "identity_access"("at");
