-- AlterTable
ALTER TABLE "profile_snapshot" ADD COLUMN     "field_sources" JSONB;
