-- AlterTable
ALTER TABLE "Petition" ADD COLUMN "collectedBy" TEXT;
ALTER TABLE "Petition" ADD COLUMN "latitude" REAL;
ALTER TABLE "Petition" ADD COLUMN "longitude" REAL;

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN "localPath" TEXT;
ALTER TABLE "Attachment" ADD COLUMN "mime" TEXT;
ALTER TABLE "Attachment" ADD COLUMN "size" INTEGER;

-- CreateTable
CREATE TABLE "PetitionSupplement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "petitionId" INTEGER NOT NULL,
    "inboundId" INTEGER,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PetitionSupplement_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskProgress" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "asOf" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ChannelCredential" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "PetitionSupplement_inboundId_key" ON "PetitionSupplement"("inboundId");

-- CreateIndex
CREATE INDEX "PetitionSupplement_petitionId_idx" ON "PetitionSupplement"("petitionId");

-- CreateIndex
CREATE INDEX "TaskProgress_taskKey_id_idx" ON "TaskProgress"("taskKey", "id");

-- CreateIndex
CREATE INDEX "Petition_status_urgent_createdAt_idx" ON "Petition"("status", "urgent", "createdAt");

