-- CreateTable
CREATE TABLE "UsageBatchWrite" (
    "id" UUID NOT NULL,
    "writtenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageBatchWrite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UsageBatchWrite_writtenAt_idx" ON "UsageBatchWrite"("writtenAt");
