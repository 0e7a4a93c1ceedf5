-- AlterTable
ALTER TABLE "profile_snapshot" ADD COLUMN     "indicators" JSONB NOT NULL DEFAULT '[]';
