-- AlterTable
ALTER TABLE "outbox_event" ADD COLUMN     "headers" JSONB;
