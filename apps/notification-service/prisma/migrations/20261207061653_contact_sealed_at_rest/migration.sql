-- Contacts sealed at rest: phone, email and push subscription hold sealed values from now on.
-- key_id names the key of the row, null means still plain (rows from before this migration),
-- which the service seals in the background at start. (No semicolons in comments: the migration
-- runner splits statements on them.)
-- AlterTable
ALTER TABLE "contact" ADD COLUMN     "key_id" VARCHAR(32),
ALTER COLUMN "push_subscription" SET DATA TYPE TEXT USING "push_subscription"::text;
