-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'api';
