-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "facility" (
    "code" VARCHAR(8) NOT NULL,
    "name" TEXT NOT NULL,
    "type" VARCHAR(8) NOT NULL,
    "district" TEXT NOT NULL,
    "address" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "facility_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "poli" (
    "facility_code" VARCHAR(8) NOT NULL,
    "code" VARCHAR(3) NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" VARCHAR(4) NOT NULL,

    CONSTRAINT "poli_pkey" PRIMARY KEY ("facility_code","code")
);

-- CreateTable
CREATE TABLE "doctor" (
    "facility_code" VARCHAR(8) NOT NULL,
    "code" VARCHAR(12) NOT NULL,
    "name" TEXT NOT NULL,
    "poli_code" VARCHAR(3) NOT NULL,

    CONSTRAINT "doctor_pkey" PRIMARY KEY ("facility_code","code")
);

-- CreateTable
CREATE TABLE "practice_schedule" (
    "id" UUID NOT NULL,
    "facility_code" VARCHAR(8) NOT NULL,
    "doctor_code" VARCHAR(12) NOT NULL,
    "poli_code" VARCHAR(3) NOT NULL,
    "day_of_week" INTEGER NOT NULL,
    "start_time" VARCHAR(5) NOT NULL,
    "end_time" VARCHAR(5) NOT NULL,
    "quota_jkn" INTEGER NOT NULL,
    "quota_non_jkn" INTEGER NOT NULL,

    CONSTRAINT "practice_schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket" (
    "id" UUID NOT NULL,
    "booking_code" VARCHAR(16) NOT NULL,
    "facility_code" VARCHAR(8) NOT NULL,
    "poli_code" VARCHAR(3) NOT NULL,
    "service_date" DATE NOT NULL,
    "queue_number" INTEGER NOT NULL,
    "display_number" TEXT NOT NULL,
    "patient_ref" TEXT NOT NULL,
    "source" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_event" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMP(3),

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "processed_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "practice_schedule_facility_code_doctor_code_poli_code_day_o_key" ON "practice_schedule"("facility_code", "doctor_code", "poli_code", "day_of_week", "start_time");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_booking_code_key" ON "ticket"("booking_code");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_idempotency_key_key" ON "ticket"("idempotency_key");

-- CreateIndex
CREATE INDEX "ticket_facility_code_service_date_idx" ON "ticket"("facility_code", "service_date");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_facility_code_poli_code_service_date_queue_number_key" ON "ticket"("facility_code", "poli_code", "service_date", "queue_number");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

-- AddForeignKey
ALTER TABLE "poli" ADD CONSTRAINT "poli_facility_code_fkey" FOREIGN KEY ("facility_code") REFERENCES "facility"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "doctor" ADD CONSTRAINT "doctor_facility_code_fkey" FOREIGN KEY ("facility_code") REFERENCES "facility"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_schedule" ADD CONSTRAINT "practice_schedule_facility_code_doctor_code_fkey" FOREIGN KEY ("facility_code", "doctor_code") REFERENCES "doctor"("facility_code", "code") ON DELETE RESTRICT ON UPDATE CASCADE;
