-- AlterTable
ALTER TABLE "ScanRun" ADD COLUMN     "autoFixableCount" INTEGER;

-- AlterTable
ALTER TABLE "ScanFinding" ADD COLUMN     "autoFixable" BOOLEAN;
