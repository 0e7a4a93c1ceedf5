-- CreateEnum
CREATE TYPE "ClusterView" AS ENUM ('phone', 'combined');

-- CreateTable
CREATE TABLE "cluster" (
    "id" SERIAL NOT NULL,
    "view" "ClusterView" NOT NULL,
    "first_run_id" INTEGER NOT NULL,
    "last_run_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cluster_run" (
    "cluster_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "view" "ClusterView" NOT NULL,
    "size" INTEGER NOT NULL,
    "phones" INTEGER NOT NULL,
    "sites" INTEGER NOT NULL,
    "facts" JSONB NOT NULL,
    "indicators" JSONB NOT NULL DEFAULT '[]',
    "priority" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "priority_parts" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "cluster_run_pkey" PRIMARY KEY ("cluster_id","run_id")
);

-- CreateTable
CREATE TABLE "cluster_member" (
    "run_id" INTEGER NOT NULL,
    "view" "ClusterView" NOT NULL,
    "profile_id" INTEGER NOT NULL,
    "cluster_id" INTEGER NOT NULL,

    CONSTRAINT "cluster_member_pkey" PRIMARY KEY ("run_id","view","profile_id")
);

-- CreateTable
CREATE TABLE "cluster_event" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "view" "ClusterView" NOT NULL,
    "kind" TEXT NOT NULL,
    "cluster_id" INTEGER NOT NULL,
    "related" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cluster_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cluster_view_last_run_id_idx" ON "cluster"("view", "last_run_id");

-- CreateIndex
CREATE INDEX "cluster_run_run_id_view_priority_idx" ON "cluster_run"("run_id", "view", "priority");

-- CreateIndex
CREATE INDEX "cluster_member_cluster_id_run_id_idx" ON "cluster_member"("cluster_id", "run_id");

-- CreateIndex
CREATE INDEX "cluster_event_cluster_id_idx" ON "cluster_event"("cluster_id");

-- CreateIndex
CREATE INDEX "cluster_event_run_id_view_idx" ON "cluster_event"("run_id", "view");

-- AddForeignKey
ALTER TABLE "cluster_run" ADD CONSTRAINT "cluster_run_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_run" ADD CONSTRAINT "cluster_run_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "mapping_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_member" ADD CONSTRAINT "cluster_member_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "mapping_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_member" ADD CONSTRAINT "cluster_member_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_member" ADD CONSTRAINT "cluster_member_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_event" ADD CONSTRAINT "cluster_event_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "mapping_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_event" ADD CONSTRAINT "cluster_event_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
