-- Aggregates of the hourly roll-up for the dashboard's read API (libs/usage/src/usage-queries.service.ts).
-- With millions of roll-up rows, summing them per request takes seconds; these tables hold one row
-- per hour, per day and user, per day and client, and per user-client pair. A trigger applies every
-- change of "UsageRollup" to them in the transaction that makes it, so they are always exact.
-- They are derived data maintained by the database, not by the application: not in schema.prisma,
-- and so in a schema of their own, outside the one Prisma manages.

-- No usage batch may commit between the back-fill below and the trigger taking over.
LOCK TABLE "UsageRollup" IN SHARE ROW EXCLUSIVE MODE;

CREATE SCHEMA "usage_aggregates";

-- Per hour: the totals of the summary, and the deprecated calls per "METHOD endpoint" for the timeline.
CREATE TABLE "usage_aggregates"."Hourly" (
    "bucket" TIMESTAMP(3) NOT NULL,
    "deprecatedCalls" BIGINT NOT NULL,
    "tokenCalls" BIGINT NOT NULL,
    "refusals" BIGINT NOT NULL,
    "deprecatedByEndpoint" JSONB NOT NULL,

    CONSTRAINT "Hourly_pkey" PRIMARY KEY ("bucket")
);

-- Deprecated calls per UTC day and user, and per day and client (keys never ''), with the last time.
CREATE TABLE "usage_aggregates"."DailyByUser" (
    "day" TIMESTAMP(3) NOT NULL,
    "userKey" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailyByUser_pkey" PRIMARY KEY ("day", "userKey")
);

CREATE TABLE "usage_aggregates"."DailyByClient" (
    "day" TIMESTAMP(3) NOT NULL,
    "clientKey" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailyByClient_pkey" PRIMARY KEY ("day", "clientKey")
);

-- Every user-client pair with deprecated calls ('' when unknown), and the last hour bucket it was
-- seen in: a pair was active in a window that ends now exactly when its last bucket is in the window.
CREATE TABLE "usage_aggregates"."UserClient" (
    "userKey" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "lastBucket" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserClient_pkey" PRIMARY KEY ("userKey", "clientKey")
);

-- A change of one roll-up row: its count is negative for a row removed (or the old side of an update).
CREATE TYPE "usage_aggregates"."RollupChange" AS (
    "bucket" TIMESTAMP(3),
    "kind" TEXT,
    "method" TEXT,
    "endpoint" TEXT,
    "userKey" TEXT,
    "clientKey" TEXT,
    "count" BIGINT,
    "lastSeenAt" TIMESTAMP(3)
);

-- Two {"series": count} objects added key by key; keys whose count drops to 0 are left out.
CREATE FUNCTION "usage_aggregates"."add_counts"(a JSONB, b JSONB) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(jsonb_object_agg("key", "total") FILTER (WHERE "total" <> 0), '{}')
  FROM (
    SELECT "key", SUM("value"::BIGINT) AS "total"
    FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) AS "entries"
    GROUP BY "key"
  ) AS "sums"
$$;

-- Adds roll-up changes to every aggregate. The kinds are those of libs/usage/src/usage-event.ts
-- (DEPRECATED_KINDS) and usage-queries.service.ts (TOKEN_KINDS); a test checks they agree.
CREATE FUNCTION "usage_aggregates"."apply"(changes "usage_aggregates"."RollupChange"[]) RETURNS VOID LANGUAGE sql AS $$
  WITH "change" AS (
    SELECT * FROM unnest(changes)
  ), "deprecated" AS (
    SELECT * FROM "change"
    WHERE "kind" IN ('session-login', 'session-logout', 'session-get', 'cookie-request', 'password-basic', 'refused', 'would-refuse')
  ), "byEndpoint" AS (
    SELECT "bucket", jsonb_object_agg("series", "calls") AS "counts"
    FROM (SELECT "bucket", "method" || ' ' || "endpoint" AS "series", SUM("count") AS "calls" FROM "deprecated" GROUP BY 1, 2) AS "series"
    GROUP BY 1
  ), "hourly" AS (
    INSERT INTO "usage_aggregates"."Hourly" AS t ("bucket", "deprecatedCalls", "tokenCalls", "refusals", "deprecatedByEndpoint")
    SELECT h."bucket", h."deprecatedCalls", h."tokenCalls", h."refusals", COALESCE(e."counts", '{}')
    FROM (
      SELECT "bucket",
             COALESCE(SUM("count") FILTER (WHERE "kind" IN ('session-login', 'session-logout', 'session-get', 'cookie-request', 'password-basic', 'refused', 'would-refuse')), 0) AS "deprecatedCalls",
             COALESCE(SUM("count") FILTER (WHERE "kind" IN ('token-request', 'token-session-get')), 0) AS "tokenCalls",
             COALESCE(SUM("count") FILTER (WHERE "kind" = 'refused'), 0) AS "refusals"
      FROM "change" GROUP BY 1
    ) AS h LEFT JOIN "byEndpoint" AS e ON e."bucket" = h."bucket"
    ON CONFLICT ("bucket") DO UPDATE SET
      "deprecatedCalls" = t."deprecatedCalls" + EXCLUDED."deprecatedCalls",
      "tokenCalls" = t."tokenCalls" + EXCLUDED."tokenCalls",
      "refusals" = t."refusals" + EXCLUDED."refusals",
      "deprecatedByEndpoint" = "usage_aggregates"."add_counts"(t."deprecatedByEndpoint", EXCLUDED."deprecatedByEndpoint")
  ), "byUser" AS (
    INSERT INTO "usage_aggregates"."DailyByUser" AS t ("day", "userKey", "count", "lastSeenAt")
    SELECT date_trunc('day', "bucket"), "userKey", SUM("count"), COALESCE(MAX("lastSeenAt"), '-infinity')
    FROM "deprecated" WHERE "userKey" <> '' GROUP BY 1, 2
    ON CONFLICT ("day", "userKey") DO UPDATE
    SET "count" = t."count" + EXCLUDED."count", "lastSeenAt" = GREATEST(t."lastSeenAt", EXCLUDED."lastSeenAt")
  ), "byClient" AS (
    INSERT INTO "usage_aggregates"."DailyByClient" AS t ("day", "clientKey", "count", "lastSeenAt")
    SELECT date_trunc('day', "bucket"), "clientKey", SUM("count"), COALESCE(MAX("lastSeenAt"), '-infinity')
    FROM "deprecated" WHERE "clientKey" <> '' GROUP BY 1, 2
    ON CONFLICT ("day", "clientKey") DO UPDATE
    SET "count" = t."count" + EXCLUDED."count", "lastSeenAt" = GREATEST(t."lastSeenAt", EXCLUDED."lastSeenAt")
  )
  -- Removed rows cannot move a pair's last bucket back: after deletes, a pair may count as active.
  INSERT INTO "usage_aggregates"."UserClient" AS t ("userKey", "clientKey", "lastBucket")
  SELECT "userKey", "clientKey", MAX("bucket") FROM "deprecated" WHERE "count" > 0 GROUP BY 1, 2
  ON CONFLICT ("userKey", "clientKey") DO UPDATE SET "lastBucket" = GREATEST(t."lastBucket", EXCLUDED."lastBucket")
$$;

-- Back-fill, a day at a time so no change array grows with the table.
DO $$
DECLARE
  "day" TIMESTAMP(3);
BEGIN
  FOR "day" IN SELECT DISTINCT date_trunc('day', "bucket") FROM "UsageRollup" ORDER BY 1 LOOP
    PERFORM "usage_aggregates"."apply"(ARRAY(
      SELECT ROW("bucket", "kind", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")::"usage_aggregates"."RollupChange"
      FROM "UsageRollup" WHERE "bucket" >= "day" AND "bucket" < "day" + interval '1 day'
    ));
  END LOOP;
END $$;

-- From now on, every statement that inserts, updates (the batch writer's ON CONFLICT) or deletes
-- roll-up rows applies them in one go: new rows added, old rows subtracted.
CREATE FUNCTION "usage_aggregates"."count_rollup_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes "usage_aggregates"."RollupChange"[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changes := ARRAY(
      SELECT ROW("bucket", "kind", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")::"usage_aggregates"."RollupChange" FROM new_rows
    );
  ELSIF TG_OP = 'UPDATE' THEN
    changes := ARRAY(
      SELECT ROW("bucket", "kind", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")::"usage_aggregates"."RollupChange" FROM new_rows
      UNION ALL
      SELECT ROW("bucket", "kind", "method", "endpoint", "userKey", "clientKey", -"count", NULL)::"usage_aggregates"."RollupChange" FROM old_rows
    );
  ELSE
    changes := ARRAY(
      SELECT ROW("bucket", "kind", "method", "endpoint", "userKey", "clientKey", -"count", NULL)::"usage_aggregates"."RollupChange" FROM old_rows
    );
  END IF;
  PERFORM "usage_aggregates"."apply"(changes);
  RETURN NULL;
END $$;

CREATE TRIGGER "UsageRollup_aggregate_inserts" AFTER INSERT ON "UsageRollup"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "usage_aggregates"."count_rollup_changes"();
CREATE TRIGGER "UsageRollup_aggregate_updates" AFTER UPDATE ON "UsageRollup"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "usage_aggregates"."count_rollup_changes"();
CREATE TRIGGER "UsageRollup_aggregate_deletes" AFTER DELETE ON "UsageRollup"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "usage_aggregates"."count_rollup_changes"();

-- Statistics now, so the first dashboard queries are planned for the back-filled sizes.
ANALYZE "usage_aggregates"."Hourly", "usage_aggregates"."DailyByUser", "usage_aggregates"."DailyByClient", "usage_aggregates"."UserClient";
