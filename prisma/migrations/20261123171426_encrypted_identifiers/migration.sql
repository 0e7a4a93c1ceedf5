-- AlterTable
ALTER TABLE "contact" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "value_enc" TEXT,
ALTER COLUMN "value" DROP NOT NULL;

-- AlterTable
ALTER TABLE "phone" ADD COLUMN     "e164_enc" TEXT,
ADD COLUMN     "hash" TEXT,
ALTER COLUMN "e164" DROP NOT NULL;

-- AlterTable
ALTER TABLE "profile" ADD COLUMN     "url_enc" TEXT,
ALTER COLUMN "url" DROP NOT NULL;

-- AlterTable
ALTER TABLE "profile_snapshot" ADD COLUMN     "raw_contacts_enc" TEXT,
ADD COLUMN     "raw_phones_enc" TEXT,
ADD COLUMN     "url_enc" TEXT,
ALTER COLUMN "url" DROP NOT NULL;

-- CreateTable
CREATE TABLE "audit_event" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE UNIQUE INDEX "contact_kind_hash_key" ON "contact"("kind", "hash");

-- CreateIndex
CREATE UNIQUE INDEX "phone_hash_key" ON "phone"("hash");

-- CreateIndex
CREATE INDEX "profile_snapshot_site_run_id_id_idx" ON "profile_snapshot"("site_run_id", "id");
