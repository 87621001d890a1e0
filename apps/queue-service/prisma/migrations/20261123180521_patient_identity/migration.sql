-- CreateTable
CREATE TABLE "patient_identity" (
    "ticket_id" UUID NOT NULL,
    "key_id" VARCHAR(32) NOT NULL,
    "nik" TEXT,
    "card_number" TEXT,
    "phone" TEXT,
    "norm" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "patient_identity_pkey" PRIMARY KEY ("ticket_id")
);

-- CreateTable
CREATE TABLE "identity_access" (
    "seq" BIGSERIAL NOT NULL,
    "ticket_id" UUID NOT NULL,
    "accessor" VARCHAR(100) NOT NULL,
    "purpose" VARCHAR(100) NOT NULL,
    "fields" TEXT[],
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_access_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "patient_identity_key_id_ticket_id_idx" ON "patient_identity"("key_id", "ticket_id");

-- CreateIndex
CREATE INDEX "identity_access_ticket_id_seq_idx" ON "identity_access"("ticket_id", "seq");

-- CreateIndex
CREATE INDEX "identity_access_at_idx" ON "identity_access"("at");

-- AddForeignKey
ALTER TABLE "patient_identity" ADD CONSTRAINT "patient_identity_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
