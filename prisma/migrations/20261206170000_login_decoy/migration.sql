-- CreateTable
CREATE TABLE "LoginDecoy" (
    "slot" SMALLINT NOT NULL,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lastFailedLoginAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginDecoy_pkey" PRIMARY KEY ("slot")
);

-- Every slot exists from the start, so a failed login for a made-up name only ever updates a row.
INSERT INTO "LoginDecoy" ("slot", "updatedAt") SELECT "slot", CURRENT_TIMESTAMP FROM generate_series(0, 63) AS "slot";
