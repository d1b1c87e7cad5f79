-- Jira's ids are numeric strings: projects are renumbered from 10000 (in key order), and issue types,
-- statuses, priorities and resolutions become catalogs with Jira's default ids. Issues keep the entry's
-- name in their own column, now a foreign key to the catalog's unique name (docs/decisions.md).

-- Projects: UUID -> numeric string, issues follow.
ALTER TABLE "Issue" DROP CONSTRAINT "Issue_projectId_fkey";
ALTER TABLE "Project" DROP CONSTRAINT "Project_pkey",
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "leadId" UUID,
ADD COLUMN     "projectTypeKey" TEXT NOT NULL DEFAULT 'software',
ALTER COLUMN "id" DROP DEFAULT,
ALTER COLUMN "id" SET DATA TYPE TEXT,
ADD CONSTRAINT "Project_pkey" PRIMARY KEY ("id");
ALTER TABLE "Issue" ALTER COLUMN "projectId" SET DATA TYPE TEXT;

CREATE TABLE "_ProjectRenumbering" AS
  SELECT "id" AS "oldId", (9999 + row_number() OVER (ORDER BY "key"))::text AS "newId" FROM "Project";
UPDATE "Issue" SET "projectId" = r."newId" FROM "_ProjectRenumbering" r WHERE "Issue"."projectId" = r."oldId";
UPDATE "Project" SET "id" = r."newId" FROM "_ProjectRenumbering" r WHERE "Project"."id" = r."oldId";
DROP TABLE "_ProjectRenumbering";

CREATE SEQUENCE "Project_id_seq" OWNED BY "Project"."id";
SELECT setval('"Project_id_seq"', 10000 + (SELECT count(*) FROM "Project"), false);
ALTER TABLE "Project" ALTER COLUMN "id" SET DEFAULT (nextval('"Project_id_seq"'::regclass))::text;

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "resolution" TEXT,
ADD COLUMN     "resolutionDate" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "IssueType" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "subtask" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "IssueType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Status" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL,

    CONSTRAINT "Status_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Transition" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,

    CONSTRAINT "Transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Priority" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "color" TEXT NOT NULL,

    CONSTRAINT "Priority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resolution" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Resolution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IssueType_name_key" ON "IssueType"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Status_name_key" ON "Status"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Transition_name_key" ON "Transition"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Priority_name_key" ON "Priority"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Resolution_name_key" ON "Resolution"("name");

-- The catalogs, with the ids a fresh Jira Software server gives them.
INSERT INTO "IssueType" ("id", "name", "description") VALUES
  ('1', 'Bug', 'A problem which impairs or prevents the functions of the product.'),
  ('3', 'Task', 'A task that needs to be done.'),
  ('10000', 'Epic', 'A big user story that needs to be broken down.'),
  ('10001', 'Story', 'A user story. Created by Jira Software - do not edit or delete.');

INSERT INTO "Status" ("id", "name", "description", "category") VALUES
  ('1', 'Open', 'The issue is open and ready for the assignee to start work on it.', 'new'),
  ('3', 'In Progress', 'This issue is being actively worked on at the moment by the assignee.', 'indeterminate'),
  ('5', 'Resolved', 'A resolution has been taken, and it is awaiting verification by reporter.', 'done'),
  ('6', 'Closed', 'The issue is considered finished, the resolution is correct.', 'done'),
  ('10000', 'To Do', '', 'new'),
  ('10001', 'Done', '', 'done');

INSERT INTO "Transition" ("id", "name", "toStatus") VALUES
  ('11', 'To Do', 'To Do'),
  ('21', 'In Progress', 'In Progress'),
  ('31', 'Done', 'Done'),
  ('41', 'Close Issue', 'Closed');

INSERT INTO "Priority" ("id", "name", "description", "color") VALUES
  ('1', 'Highest', 'This problem will block progress.', '#d04437'),
  ('2', 'High', 'Serious problem that could block progress.', '#f15C75'),
  ('3', 'Medium', 'Has the potential to affect progress.', '#f79232'),
  ('4', 'Low', 'Minor problem or easily worked around.', '#707070'),
  ('5', 'Lowest', 'Trivial problem with little or no impact on progress.', '#999999');

INSERT INTO "Resolution" ("id", "name", "description") VALUES
  ('1', 'Fixed', 'A fix for this issue is checked in.'),
  ('2', 'Won''t Fix', 'The problem described is an issue which will never be fixed.'),
  ('3', 'Duplicate', 'The problem is a duplicate of an existing issue.'),
  ('4', 'Incomplete', 'The problem is not completely described.'),
  ('5', 'Cannot Reproduce', 'All attempts at reproducing this issue failed, or not enough information was available.'),
  ('10000', 'Done', 'Work has been completed on this issue.');

-- Values existing issues hold that the catalogs lack (issues could be created with any priority) join them.
INSERT INTO "IssueType" ("id", "name")
  SELECT (20000 + row_number() OVER (ORDER BY v))::text, v FROM (SELECT DISTINCT "issueType" AS v FROM "Issue") t
  WHERE NOT EXISTS (SELECT 1 FROM "IssueType" c WHERE c."name" = t.v);
INSERT INTO "Status" ("id", "name", "category")
  SELECT (20000 + row_number() OVER (ORDER BY v))::text, v, 'undefined' FROM (SELECT DISTINCT "status" AS v FROM "Issue") t
  WHERE NOT EXISTS (SELECT 1 FROM "Status" c WHERE c."name" = t.v);
INSERT INTO "Priority" ("id", "name", "color")
  SELECT (20000 + row_number() OVER (ORDER BY v))::text, v, '#707070' FROM (SELECT DISTINCT "priority" AS v FROM "Issue") t
  WHERE NOT EXISTS (SELECT 1 FROM "Priority" c WHERE c."name" = t.v);

-- Issues already in a done status are resolved, as a Jira workflow would have left them.
UPDATE "Issue" SET "resolution" = 'Done', "resolutionDate" = "updated"
  WHERE "status" IN (SELECT "name" FROM "Status" WHERE "category" = 'done');

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transition" ADD CONSTRAINT "Transition_toStatus_fkey" FOREIGN KEY ("toStatus") REFERENCES "Status"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_issueType_fkey" FOREIGN KEY ("issueType") REFERENCES "IssueType"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_status_fkey" FOREIGN KEY ("status") REFERENCES "Status"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_priority_fkey" FOREIGN KEY ("priority") REFERENCES "Priority"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_resolution_fkey" FOREIGN KEY ("resolution") REFERENCES "Resolution"("name") ON DELETE SET NULL ON UPDATE CASCADE;
