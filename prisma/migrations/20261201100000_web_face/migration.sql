-- CreateTable
CREATE TABLE "PetitionSearch" (
    "petitionId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffText" TEXT NOT NULL,
    "publicText" TEXT NOT NULL,
    "publicSummary" TEXT NOT NULL,
    "area" TEXT,
    "version" INTEGER NOT NULL,
    "sourceUpdatedAt" DATETIME NOT NULL,
    CONSTRAINT "PetitionSearch_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "WebLoginChallenge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "challengeHash" TEXT NOT NULL,
    "linkHash" TEXT NOT NULL,
    "codeHash" TEXT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "DelegateArea" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Open311Key" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Petition" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "voterId" INTEGER NOT NULL,
    "inboundId" INTEGER,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "originalText" TEXT NOT NULL,
    "normalizedText" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "confidence" REAL NOT NULL,
    "classifierSource" TEXT NOT NULL,
    "summary" TEXT,
    "location" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "ward" TEXT,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "statusReason" TEXT,
    "unitId" INTEGER,
    "dueAt" DATETIME,
    "duplicateOfId" INTEGER,
    "collectedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "area" TEXT,
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Petition_voterId_fkey" FOREIGN KEY ("voterId") REFERENCES "ChatUser" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Petition_inboundId_fkey" FOREIGN KEY ("inboundId") REFERENCES "InboundMessage" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Petition_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Petition_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Petition" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Petition" ("category", "channel", "chatId", "classifierSource", "code", "collectedBy", "confidence", "createdAt", "dueAt", "duplicateOfId", "id", "inboundId", "intent", "latitude", "location", "longitude", "normalizedText", "originalText", "status", "statusReason", "summary", "unitId", "updatedAt", "urgent", "voterId", "ward") SELECT "category", "channel", "chatId", "classifierSource", "code", "collectedBy", "confidence", "createdAt", "dueAt", "duplicateOfId", "id", "inboundId", "intent", "latitude", "location", "longitude", "normalizedText", "originalText", "status", "statusReason", "summary", "unitId", "updatedAt", "urgent", "voterId", "ward" FROM "Petition";
DROP TABLE "Petition";
ALTER TABLE "new_Petition" RENAME TO "Petition";
CREATE UNIQUE INDEX "Petition_code_key" ON "Petition"("code");
CREATE UNIQUE INDEX "Petition_inboundId_key" ON "Petition"("inboundId");
CREATE INDEX "Petition_status_idx" ON "Petition"("status");
CREATE INDEX "Petition_voterId_idx" ON "Petition"("voterId");
CREATE INDEX "Petition_category_status_idx" ON "Petition"("category", "status");
CREATE INDEX "Petition_status_urgent_createdAt_idx" ON "Petition"("status", "urgent", "createdAt");
CREATE INDEX "Petition_createdAt_idx" ON "Petition"("createdAt");
CREATE INDEX "Petition_updatedAt_idx" ON "Petition"("updatedAt");
CREATE INDEX "Petition_status_createdAt_idx" ON "Petition"("status", "createdAt");
CREATE INDEX "Petition_isPublic_createdAt_idx" ON "Petition"("isPublic", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PetitionSearch_area_idx" ON "PetitionSearch"("area");

-- CreateIndex
CREATE UNIQUE INDEX "WebSession_tokenHash_key" ON "WebSession"("tokenHash");

-- CreateIndex
CREATE INDEX "WebSession_expiresAt_idx" ON "WebSession"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebLoginChallenge_challengeHash_key" ON "WebLoginChallenge"("challengeHash");

-- CreateIndex
CREATE UNIQUE INDEX "WebLoginChallenge_linkHash_key" ON "WebLoginChallenge"("linkHash");

-- CreateIndex
CREATE INDEX "WebLoginChallenge_channel_externalId_createdAt_idx" ON "WebLoginChallenge"("channel", "externalId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DelegateArea_channel_externalId_area_key" ON "DelegateArea"("channel", "externalId", "area");

-- CreateIndex
CREATE UNIQUE INDEX "Open311Key_keyHash_key" ON "Open311Key"("keyHash");

