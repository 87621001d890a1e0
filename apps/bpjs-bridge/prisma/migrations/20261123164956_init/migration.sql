-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "bpjs_credential" (
    "facility_code" VARCHAR(8) NOT NULL,
    "cons_id" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "user_key" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bpjs_credential_pkey" PRIMARY KEY ("facility_code")
);

-- CreateTable
CREATE TABLE "antrol_call" (
    "seq" BIGSERIAL NOT NULL,
    "facility_code" VARCHAR(8) NOT NULL,
    "kodebooking" VARCHAR(50) NOT NULL,
    "kind" TEXT NOT NULL,
    "task_id" INTEGER,
    "dedupe_key" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_code" INTEGER,
    "last_message" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "antrol_call_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "processed_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateIndex
CREATE INDEX "antrol_call_status_next_attempt_at_idx" ON "antrol_call"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "antrol_call_facility_code_kodebooking_seq_idx" ON "antrol_call"("facility_code", "kodebooking", "seq");

-- CreateIndex
CREATE INDEX "antrol_call_facility_code_status_seq_idx" ON "antrol_call"("facility_code", "status", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "antrol_call_facility_code_kodebooking_dedupe_key_key" ON "antrol_call"("facility_code", "kodebooking", "dedupe_key");
