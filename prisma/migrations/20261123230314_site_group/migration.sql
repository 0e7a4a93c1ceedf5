-- AlterTable
ALTER TABLE "site" ADD COLUMN     "group_name" TEXT;
