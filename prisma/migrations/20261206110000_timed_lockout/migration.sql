-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "lockoutCount" INTEGER NOT NULL DEFAULT 0;
