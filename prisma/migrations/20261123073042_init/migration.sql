-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('running', 'completed', 'partial', 'failed', 'interrupted');

-- CreateEnum
CREATE TYPE "SiteRunStatus" AS ENUM ('running', 'ok', 'partial', 'failed', 'interrupted');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('woman', 'man', 'trans', 'unknown');

-- CreateEnum
CREATE TYPE "PhoneType" AS ENUM ('mobile', 'fixed_line', 'voip', 'unknown');

-- CreateTable
CREATE TABLE "site" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "site_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mapping_run" (
    "id" SERIAL NOT NULL,
    "label" TEXT,
    "status" "RunStatus" NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "options" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "mapping_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "site_run" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "site_id" TEXT NOT NULL,
    "status" "SiteRunStatus" NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "duration_ms" INTEGER,
    "pages_fetched" INTEGER NOT NULL DEFAULT 0,
    "profiles_found" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "failure_reason" TEXT,

    CONSTRAINT "site_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "profile" (
    "id" SERIAL NOT NULL,
    "site_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "external_id" TEXT,
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "profile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "profile_snapshot" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "site_run_id" INTEGER NOT NULL,
    "profile_id" INTEGER NOT NULL,
    "observed_at" TIMESTAMP(3) NOT NULL,
    "url" TEXT NOT NULL,
    "stated_age" INTEGER,
    "gender" "Gender" NOT NULL DEFAULT 'unknown',
    "location_raw" TEXT,
    "locality" TEXT,
    "kommun_code" TEXT,
    "lan_code" TEXT,
    "police_region" TEXT,
    "description_hash" TEXT,
    "raw_fields" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "profile_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "phone" (
    "id" SERIAL NOT NULL,
    "e164" TEXT NOT NULL,
    "country" TEXT,
    "type" "PhoneType" NOT NULL DEFAULT 'unknown',

    CONSTRAINT "phone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot_phone" (
    "snapshot_id" INTEGER NOT NULL,
    "phone_id" INTEGER NOT NULL,
    "source" TEXT,

    CONSTRAINT "snapshot_phone_pkey" PRIMARY KEY ("snapshot_id","phone_id")
);

-- CreateIndex
CREATE INDEX "mapping_run_started_at_idx" ON "mapping_run"("started_at");

-- CreateIndex
CREATE UNIQUE INDEX "site_run_run_id_site_id_key" ON "site_run"("run_id", "site_id");

-- CreateIndex
CREATE UNIQUE INDEX "profile_site_id_key_key" ON "profile"("site_id", "key");

-- CreateIndex
CREATE INDEX "profile_snapshot_profile_id_idx" ON "profile_snapshot"("profile_id");

-- CreateIndex
CREATE INDEX "profile_snapshot_site_run_id_url_idx" ON "profile_snapshot"("site_run_id", "url");

-- CreateIndex
CREATE UNIQUE INDEX "profile_snapshot_run_id_profile_id_key" ON "profile_snapshot"("run_id", "profile_id");

-- CreateIndex
CREATE UNIQUE INDEX "phone_e164_key" ON "phone"("e164");

-- CreateIndex
CREATE INDEX "snapshot_phone_phone_id_idx" ON "snapshot_phone"("phone_id");

-- AddForeignKey
ALTER TABLE "site_run" ADD CONSTRAINT "site_run_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "mapping_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_run" ADD CONSTRAINT "site_run_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profile" ADD CONSTRAINT "profile_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profile_snapshot" ADD CONSTRAINT "profile_snapshot_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "mapping_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profile_snapshot" ADD CONSTRAINT "profile_snapshot_site_run_id_fkey" FOREIGN KEY ("site_run_id") REFERENCES "site_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profile_snapshot" ADD CONSTRAINT "profile_snapshot_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "profile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_phone" ADD CONSTRAINT "snapshot_phone_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "profile_snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_phone" ADD CONSTRAINT "snapshot_phone_phone_id_fkey" FOREIGN KEY ("phone_id") REFERENCES "phone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
