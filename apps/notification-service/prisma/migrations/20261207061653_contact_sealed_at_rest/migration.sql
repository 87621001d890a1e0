-- Contacts sealed at rest (issue #7 follow-up): phone, e-mail and the push subscription hold
-- `<keyId>:<ciphertext>` from now on; key_id names the row's key, null = still plain (rows written
-- before this migration), which the service seals in the background at start.
-- AlterTable
ALTER TABLE "contact" ADD COLUMN     "key_id" VARCHAR(32),
ALTER COLUMN "push_subscription" SET DATA TYPE TEXT USING "push_subscription"::text;
