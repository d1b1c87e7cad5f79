-- CreateTable
CREATE TABLE "GatewayCookie" (
    "cookieHash" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GatewayCookie_pkey" PRIMARY KEY ("cookieHash")
);

-- CreateIndex
CREATE INDEX "GatewayCookie_expiresAt_idx" ON "GatewayCookie"("expiresAt");
