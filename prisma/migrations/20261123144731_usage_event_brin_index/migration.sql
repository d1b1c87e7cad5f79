-- DropIndex
DROP INDEX "UsageEvent_occurredAt_idx";

-- DropIndex
DROP INDEX "UsageEvent_userName_occurredAt_idx";

-- CreateIndex
CREATE INDEX "UsageEvent_occurredAt_idx" ON "UsageEvent" USING BRIN ("occurredAt");
