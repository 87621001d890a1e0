-- AlterTable
ALTER TABLE "notification" ADD COLUMN     "cancelled_at" TIMESTAMP(3),
ADD COLUMN     "critical" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "read_at" TIMESTAMP(3),
ADD COLUMN     "url" TEXT,
ADD COLUMN     "visible_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "delivery" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "kind" VARCHAR(8) NOT NULL,
    "status" VARCHAR(12) NOT NULL,
    "recipient" TEXT NOT NULL,
    "critical" BOOLEAN NOT NULL DEFAULT false,
    "not_before" TIMESTAMP(3) NOT NULL,
    "lease_until" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "step" INTEGER NOT NULL DEFAULT 0,
    "step_failures" INTEGER NOT NULL DEFAULT 0,
    "channel" VARCHAR(16),
    "provider" TEXT,
    "last_error" TEXT,
    "sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempt" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "channel" VARCHAR(16) NOT NULL,
    "provider" TEXT NOT NULL,
    "status" VARCHAR(12) NOT NULL,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_dead_letter" (
    "id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replayed_at" TIMESTAMP(3),

    CONSTRAINT "delivery_dead_letter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact" (
    "recipient" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "locale" VARCHAR(5) NOT NULL DEFAULT 'id',
    "push_subscription" JSONB,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("recipient")
);

-- CreateTable
CREATE TABLE "preference" (
    "recipient" TEXT NOT NULL,
    "channels" TEXT[],
    "opt_out" BOOLEAN NOT NULL DEFAULT false,
    "quiet_hours" VARCHAR(11),
    "consent_at" TIMESTAMP(3),
    "consent_source" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "preference_pkey" PRIMARY KEY ("recipient")
);

-- CreateTable
CREATE TABLE "ticket_directory" (
    "ticket_id" UUID NOT NULL,
    "booking_code" TEXT NOT NULL,
    "patient_ref" TEXT NOT NULL,
    "facility_code" VARCHAR(8) NOT NULL,
    "poli_code" VARCHAR(3) NOT NULL,
    "poli_name" TEXT NOT NULL,
    "display_number" TEXT NOT NULL,
    "service_date" VARCHAR(10) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_directory_pkey" PRIMARY KEY ("ticket_id")
);

-- CreateIndex
CREATE INDEX "delivery_status_not_before_idx" ON "delivery"("status", "not_before");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_notification_id_kind_key" ON "delivery"("notification_id", "kind");

-- CreateIndex
CREATE INDEX "delivery_attempt_delivery_id_id_idx" ON "delivery_attempt"("delivery_id", "id");

-- CreateIndex
CREATE INDEX "delivery_dead_letter_replayed_at_created_at_idx" ON "delivery_dead_letter"("replayed_at", "created_at");

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempt" ADD CONSTRAINT "delivery_attempt_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "delivery"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
