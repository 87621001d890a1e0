-- CreateTable
CREATE TABLE "referral" (
    "id" UUID NOT NULL,
    "number" VARCHAR(19) NOT NULL,
    "origin_facility_code" VARCHAR(8) NOT NULL,
    "destination_facility_code" VARCHAR(8) NOT NULL,
    "poli_code" VARCHAR(3) NOT NULL,
    "subspecialty" VARCHAR(10),
    "patient_ref" TEXT NOT NULL,
    "patient_nik" VARCHAR(16),
    "patient_card_number" VARCHAR(13),
    "patient_name" TEXT NOT NULL,
    "patient_phone" TEXT,
    "diagnosis_code" VARCHAR(8) NOT NULL,
    "diagnosis_name" TEXT NOT NULL,
    "non_specialist" BOOLEAN NOT NULL,
    "tacc_code" INTEGER,
    "tacc_reason" TEXT,
    "referral_type" INTEGER NOT NULL,
    "service_type" INTEGER NOT NULL,
    "referral_date" DATE NOT NULL,
    "planned_visit_date" DATE NOT NULL,
    "valid_until" DATE NOT NULL,
    "notes" TEXT,
    "referring_doctor" TEXT NOT NULL,
    "status" VARCHAR(24) NOT NULL,
    "status_reason" TEXT,
    "visit_date" DATE,
    "doctor_code" VARCHAR(12),
    "practice_hours" TEXT,
    "booking_code" TEXT,
    "display_number" TEXT,
    "forwarded_from" VARCHAR(8),
    "feedback" JSONB,
    "back_referral" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_history" (
    "seq" BIGSERIAL NOT NULL,
    "referral_id" UUID NOT NULL,
    "from_status" VARCHAR(24),
    "to_status" VARCHAR(24) NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_history_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "referral_serial" (
    "prefix" VARCHAR(13) NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "referral_serial_pkey" PRIMARY KEY ("prefix")
);

-- CreateTable
CREATE TABLE "non_specialist_diagnosis" (
    "code" VARCHAR(8) NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "non_specialist_diagnosis_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "facility" (
    "code" VARCHAR(8) NOT NULL,
    "name" TEXT NOT NULL,
    "type" VARCHAR(8) NOT NULL,
    "district" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "polis" JSONB NOT NULL,
    "doctors" JSONB NOT NULL,
    "source_updated_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "facility_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "hospital_webhook" (
    "facility_code" VARCHAR(8) NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hospital_webhook_pkey" PRIMARY KEY ("facility_code")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" UUID NOT NULL,
    "facility_code" VARCHAR(8) NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "referral_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "status" VARCHAR(12) NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "delivered_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "referral_number_key" ON "referral"("number");

-- CreateIndex
CREATE INDEX "referral_origin_facility_code_referral_date_idx" ON "referral"("origin_facility_code", "referral_date");

-- CreateIndex
CREATE INDEX "referral_destination_facility_code_created_at_idx" ON "referral"("destination_facility_code", "created_at");

-- CreateIndex
CREATE INDEX "referral_status_valid_until_idx" ON "referral"("status", "valid_until");

-- CreateIndex
CREATE INDEX "referral_history_referral_id_seq_idx" ON "referral_history"("referral_id", "seq");

-- CreateIndex
CREATE INDEX "webhook_delivery_status_facility_code_seq_idx" ON "webhook_delivery"("status", "facility_code", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_event_id_facility_code_key" ON "webhook_delivery"("event_id", "facility_code");

-- AddForeignKey
ALTER TABLE "referral_history" ADD CONSTRAINT "referral_history_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;
