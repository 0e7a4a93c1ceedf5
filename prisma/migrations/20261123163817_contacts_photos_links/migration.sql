-- CreateEnum
CREATE TYPE "ContactKind" AS ENUM ('telegram', 'email');

-- CreateEnum
CREATE TYPE "LinkKind" AS ENUM ('phone', 'telegram', 'email', 'text', 'photo');

-- AlterTable
ALTER TABLE "profile_snapshot" ADD COLUMN     "photo_hash" TEXT,
ADD COLUMN     "raw_contacts" JSONB;

-- CreateTable
CREATE TABLE "contact" (
    "id" SERIAL NOT NULL,
    "kind" "ContactKind" NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot_contact" (
    "snapshot_id" INTEGER NOT NULL,
    "contact_id" INTEGER NOT NULL,
    "source" TEXT,

    CONSTRAINT "snapshot_contact_pkey" PRIMARY KEY ("snapshot_id","contact_id")
);

-- CreateTable
CREATE TABLE "cluster_link" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "view" "ClusterView" NOT NULL,
    "cluster_id" INTEGER NOT NULL,
    "kind" "LinkKind" NOT NULL,
    "profile_a_id" INTEGER NOT NULL,
    "profile_b_id" INTEGER NOT NULL,
    "phone_id" INTEGER,
    "contact_id" INTEGER,
    "similarity" DOUBLE PRECISION,
    "distance" INTEGER,

    CONSTRAINT "cluster_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "contact_kind_value_key" ON "contact"("kind", "value");

-- CreateIndex
CREATE INDEX "snapshot_contact_contact_id_idx" ON "snapshot_contact"("contact_id");

-- CreateIndex
CREATE INDEX "cluster_link_cluster_id_run_id_idx" ON "cluster_link"("cluster_id", "run_id");

-- CreateIndex
CREATE INDEX "cluster_link_run_id_view_idx" ON "cluster_link"("run_id", "view");

-- AddForeignKey
ALTER TABLE "snapshot_contact" ADD CONSTRAINT "snapshot_contact_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "profile_snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_contact" ADD CONSTRAINT "snapshot_contact_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_link" ADD CONSTRAINT "cluster_link_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "mapping_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_link" ADD CONSTRAINT "cluster_link_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
