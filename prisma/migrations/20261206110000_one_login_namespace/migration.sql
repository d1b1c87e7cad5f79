-- One namespace of login names (docs/decisions.md): a login (username or email address) names exactly
-- one account. Usernames are case-insensitive, and no username may equal another user's email address
-- (or the reverse). "LoginName" holds every user's lower-cased username and email; its primary key makes
-- a second claim on a name fail (unique violation), even between concurrent writes. A trigger keeps it
-- in step with "User" in the transaction of the change. Derived data maintained by the database: not in
-- schema.prisma, and so in a schema of its own, outside the one Prisma manages.

-- Refuse to start while existing rows collide, naming them: they must be renamed first
-- (`npm run cli -- users rename <username> <new-name>`, which works before this migration is applied).
DO $$
DECLARE
  collision_count INTEGER;
  collision_list TEXT;
BEGIN
  WITH claims AS (
    SELECT lower("name") AS login, "id", "name", 'username' AS kind FROM "User"
    UNION ALL
    SELECT lower("email"), "id", "name", 'email' FROM "User" WHERE lower("email") <> lower("name")
  ), collisions AS (
    SELECT login, string_agg(format('%s (%s)', quote_literal("name"), kind), ', ' ORDER BY "name", kind) AS claimants
    FROM claims GROUP BY login HAVING count(DISTINCT "id") > 1
  ), shown AS (
    SELECT * FROM collisions ORDER BY login LIMIT 20
  )
  SELECT (SELECT count(*) FROM collisions), (SELECT string_agg(format('%s is claimed by users %s', quote_literal(login), claimants), '; ' ORDER BY login) FROM shown)
  INTO collision_count, collision_list;
  IF collision_count > 0 THEN
    RAISE EXCEPTION 'Users collide in the one namespace of login names (usernames are case-insensitive; a username may not be another user''s email): %. Rename them with `npm run cli -- users rename <username> <new-name>` (docs/auth.md), then start again.',
      collision_list || CASE WHEN collision_count > 20 THEN format(' and %s more', collision_count - 20) ELSE '' END;
  END IF;
END $$;

CREATE SCHEMA "user_namespace";

CREATE TABLE "user_namespace"."LoginName" (
    "login" TEXT NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "LoginName_pkey" PRIMARY KEY ("login"),
    CONSTRAINT "LoginName_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE
);
CREATE INDEX "LoginName_userId_idx" ON "user_namespace"."LoginName"("userId");

INSERT INTO "user_namespace"."LoginName" ("login", "userId")
SELECT lower("name"), "id" FROM "User"
UNION
SELECT lower("email"), "id" FROM "User";

-- A user's own username may equal their own email: one claim, not two.
CREATE FUNCTION "user_namespace"."claim_login_names"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "user_namespace"."LoginName" WHERE "userId" = NEW."id";
  INSERT INTO "user_namespace"."LoginName" ("login", "userId")
  SELECT DISTINCT login, NEW."id" FROM unnest(ARRAY[lower(NEW."name"), lower(NEW."email")]) AS login;
  RETURN NULL;
END
$$;

CREATE TRIGGER "User_claim_login_names" AFTER INSERT OR UPDATE OF "name", "email" ON "User"
FOR EACH ROW EXECUTE FUNCTION "user_namespace"."claim_login_names"();
