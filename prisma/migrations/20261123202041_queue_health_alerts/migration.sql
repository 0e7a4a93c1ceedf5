-- AlterEnum
ALTER TYPE "RunStatus" ADD VALUE 'queued' BEFORE 'running';

-- AlterEnum
ALTER TYPE "SiteRunStatus" ADD VALUE 'queued' BEFORE 'running';

-- AlterTable
ALTER TABLE "site_run" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "health" JSONB;

-- CreateTable
CREATE TABLE "alert" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "site_id" TEXT,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notified_at" TIMESTAMP(3),
    "notify_error" TEXT,

    CONSTRAINT "alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_run_id_idx" ON "alert"("run_id");

-- AddForeignKey
ALTER TABLE "alert" ADD CONSTRAINT "alert_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "mapping_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
