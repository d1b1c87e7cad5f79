-- CreateTable
CREATE TABLE "UsageAnonymousAgent" (
    "endpoint" TEXT NOT NULL,
    "userAgent" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsageAnonymousAgent_pkey" PRIMARY KEY ("endpoint","userAgent")
);
