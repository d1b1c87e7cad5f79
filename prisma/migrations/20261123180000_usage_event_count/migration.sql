-- Identical deprecated uses within one second are stored as one raw row with their count
-- (libs/usage/src/usage-batch.ts). Existing rows are one use each. A constant default adds the
-- column without rewriting the table.
ALTER TABLE "UsageEvent" ADD COLUMN "count" INTEGER NOT NULL DEFAULT 1;
