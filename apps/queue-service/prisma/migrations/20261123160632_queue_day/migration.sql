-- AlterTable
ALTER TABLE "poli" ADD COLUMN     "subspecialties" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "ticket" ADD COLUMN     "call_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "checked_in_at" TIMESTAMP(3),
ADD COLUMN     "contact_phone" VARCHAR(20),
ADD COLUMN     "counter_code" VARCHAR(20),
ADD COLUMN     "current_poli" VARCHAR(3),
ADD COLUMN     "doctor_code" VARCHAR(12),
ADD COLUMN     "patient_kind" VARCHAR(10) NOT NULL DEFAULT 'returning',
ADD COLUMN     "patient_type" VARCHAR(8) NOT NULL DEFAULT 'NON_JKN',
ADD COLUMN     "practice_hours" VARCHAR(11),
ADD COLUMN     "priority" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "priority_reason" TEXT,
ADD COLUMN     "queued_at" TIMESTAMP(3),
ADD COLUMN     "reference_number" VARCHAR(30),
ADD COLUMN     "referral_id" UUID,
ADD COLUMN     "session_end" TIMESTAMP(3),
ADD COLUMN     "station" VARCHAR(10),
ADD COLUMN     "visit_type" INTEGER;

-- CreateTable
CREATE TABLE "counter" (
    "facility_code" VARCHAR(8) NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "name" TEXT NOT NULL,
    "station" VARCHAR(10) NOT NULL,
    "poli_codes" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "counter_pkey" PRIMARY KEY ("facility_code","code")
);

-- CreateTable
CREATE TABLE "doctor_absence" (
    "facility_code" VARCHAR(8) NOT NULL,
    "doctor_code" VARCHAR(12) NOT NULL,
    "date" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "doctor_absence_pkey" PRIMARY KEY ("facility_code","doctor_code","date")
);

-- CreateTable
CREATE TABLE "holiday" (
    "facility_code" VARCHAR(8) NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "holiday_pkey" PRIMARY KEY ("facility_code","date")
);

-- CreateTable
CREATE TABLE "ticket_task" (
    "ticket_id" UUID NOT NULL,
    "task_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ticket_task_pkey" PRIMARY KEY ("ticket_id","task_id")
);

-- CreateTable
CREATE TABLE "ticket_transition" (
    "seq" BIGSERIAL NOT NULL,
    "ticket_id" UUID NOT NULL,
    "facility_code" VARCHAR(8) NOT NULL,
    "service_date" DATE NOT NULL,
    "type" VARCHAR(24) NOT NULL,
    "station" VARCHAR(10),
    "counter_code" VARCHAR(20),
    "at" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ticket_transition_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "ticket_transition_ticket_id_seq_idx" ON "ticket_transition"("ticket_id", "seq");

-- CreateIndex
CREATE INDEX "ticket_transition_facility_code_service_date_idx" ON "ticket_transition"("facility_code", "service_date");

-- CreateIndex
CREATE INDEX "ticket_facility_code_service_date_station_status_idx" ON "ticket"("facility_code", "service_date", "station", "status");

-- AddForeignKey
ALTER TABLE "counter" ADD CONSTRAINT "counter_facility_code_fkey" FOREIGN KEY ("facility_code") REFERENCES "facility"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_task" ADD CONSTRAINT "ticket_task_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rules Prisma's schema language cannot express (partial unique indexes), kept with the migration:
-- one active booking per patient, date, poli and doctor, and a referral or control-letter number backs
-- at most one active booking.
CREATE UNIQUE INDEX "ticket_active_patient_uq" ON "ticket" ("facility_code", "service_date", "poli_code", "doctor_code", "patient_ref")
  WHERE "status" IN ('booked', 'waiting', 'called', 'serving');
CREATE UNIQUE INDEX "ticket_active_reference_uq" ON "ticket" ("reference_number")
  WHERE "reference_number" IS NOT NULL AND "status" IN ('booked', 'waiting', 'called', 'serving');
-- A counter has at most one patient called or in service at a time.
CREATE UNIQUE INDEX "ticket_counter_busy_uq" ON "ticket" ("facility_code", "service_date", "counter_code")
  WHERE "counter_code" IS NOT NULL AND "status" IN ('called', 'serving');
