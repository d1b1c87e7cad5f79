-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "dueDate" DATE;

-- CreateTable
CREATE TABLE "Comment" (
    "id" SERIAL NOT NULL,
    "issueId" INTEGER NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueChange" (
    "id" SERIAL NOT NULL,
    "issueId" INTEGER NOT NULL,
    "authorId" UUID,
    "created" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssueChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueChangeItem" (
    "id" SERIAL NOT NULL,
    "changeId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "fieldType" TEXT NOT NULL DEFAULT 'jira',
    "from" TEXT,
    "fromString" TEXT,
    "to" TEXT,
    "toString" TEXT,

    CONSTRAINT "IssueChangeItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Comment_issueId_id_idx" ON "Comment"("issueId", "id");

-- CreateIndex
CREATE INDEX "IssueChange_issueId_id_idx" ON "IssueChange"("issueId", "id");

-- CreateIndex
CREATE INDEX "IssueChangeItem_changeId_idx" ON "IssueChangeItem"("changeId");

-- CreateIndex
CREATE INDEX "IssueChangeItem_field_to_idx" ON "IssueChangeItem"("field", "to");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueChange" ADD CONSTRAINT "IssueChange_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueChange" ADD CONSTRAINT "IssueChange_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueChangeItem" ADD CONSTRAINT "IssueChangeItem_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "IssueChange"("id") ON DELETE CASCADE ON UPDATE CASCADE;
