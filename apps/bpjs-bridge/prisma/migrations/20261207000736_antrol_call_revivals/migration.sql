-- AlterTable
ALTER TABLE "antrol_call" ADD COLUMN     "revivals" INTEGER NOT NULL DEFAULT 0;
