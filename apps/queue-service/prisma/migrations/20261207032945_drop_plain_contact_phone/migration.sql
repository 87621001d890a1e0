-- The phone was kept here in the clear besides its sealed copy in patient_identity (which is what
-- services read): the plain copy goes.
-- AlterTable
ALTER TABLE "ticket" DROP COLUMN "contact_phone";
