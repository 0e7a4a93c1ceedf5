-- AlterEnum
ALTER TYPE "Gender" ADD VALUE 'couple' BEFORE 'unknown';

-- AlterTable
ALTER TABLE "profile_snapshot" ADD COLUMN     "age_band" TEXT NOT NULL DEFAULT 'unknown',
ADD COLUMN     "lat" DOUBLE PRECISION,
ADD COLUMN     "location_unresolved" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lon" DOUBLE PRECISION,
ADD COLUMN     "minor_cue" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "minor_cue_evidence" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "normalised_at" TIMESTAMP(3),
ADD COLUMN     "places" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "raw_phones" JSONB,
ADD COLUMN     "raw_text" JSONB;
