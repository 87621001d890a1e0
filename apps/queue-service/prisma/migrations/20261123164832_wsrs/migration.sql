-- CreateTable
CREATE TABLE "wsrs_credential" (
    "facility_code" VARCHAR(8) NOT NULL,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wsrs_credential_pkey" PRIMARY KEY ("facility_code")
);

-- CreateTable
CREATE TABLE "wsrs_patient" (
    "facility_code" VARCHAR(8) NOT NULL,
    "norm" VARCHAR(20) NOT NULL,
    "nik_ref" TEXT NOT NULL,
    "card_ref" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wsrs_patient_pkey" PRIMARY KEY ("facility_code","norm")
);

-- CreateTable
CREATE TABLE "wsrs_code_mapping" (
    "facility_code" VARCHAR(8) NOT NULL,
    "kind" VARCHAR(8) NOT NULL,
    "bpjs_code" VARCHAR(12) NOT NULL,
    "local_code" VARCHAR(12) NOT NULL,

    CONSTRAINT "wsrs_code_mapping_pkey" PRIMARY KEY ("facility_code","kind","bpjs_code")
);

-- CreateTable
CREATE TABLE "operating_schedule" (
    "facility_code" VARCHAR(8) NOT NULL,
    "kodebooking" VARCHAR(30) NOT NULL,
    "tanggaloperasi" DATE NOT NULL,
    "jenistindakan" TEXT NOT NULL,
    "kodepoli" VARCHAR(3) NOT NULL,
    "namapoli" TEXT NOT NULL,
    "terlaksana" BOOLEAN NOT NULL DEFAULT false,
    "nopeserta" VARCHAR(13) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operating_schedule_pkey" PRIMARY KEY ("facility_code","kodebooking")
);

-- CreateIndex
CREATE UNIQUE INDEX "wsrs_patient_facility_code_nik_ref_key" ON "wsrs_patient"("facility_code", "nik_ref");

-- CreateIndex
CREATE UNIQUE INDEX "wsrs_patient_facility_code_card_ref_key" ON "wsrs_patient"("facility_code", "card_ref");

-- CreateIndex
CREATE INDEX "operating_schedule_facility_code_tanggaloperasi_idx" ON "operating_schedule"("facility_code", "tanggaloperasi");

-- CreateIndex
CREATE INDEX "operating_schedule_facility_code_nopeserta_idx" ON "operating_schedule"("facility_code", "nopeserta");
