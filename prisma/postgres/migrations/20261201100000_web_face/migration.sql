-- AlterTable
ALTER TABLE "Petition" ADD COLUMN     "area" TEXT,
ADD COLUMN     "isPublic" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "PetitionSearch" (
    "petitionId" INTEGER NOT NULL,
    "staffText" TEXT NOT NULL,
    "publicText" TEXT NOT NULL,
    "publicSummary" TEXT NOT NULL,
    "area" TEXT,
    "version" INTEGER NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PetitionSearch_pkey" PRIMARY KEY ("petitionId")
);

-- CreateTable
CREATE TABLE "WebSession" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebLoginChallenge" (
    "id" SERIAL NOT NULL,
    "challengeHash" TEXT NOT NULL,
    "linkHash" TEXT NOT NULL,
    "codeHash" TEXT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "WebLoginChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DelegateArea" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DelegateArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Open311Key" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Open311Key_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Petition_createdAt_idx" ON "Petition"("createdAt");

-- CreateIndex
CREATE INDEX "Petition_updatedAt_idx" ON "Petition"("updatedAt");

-- CreateIndex
CREATE INDEX "Petition_status_createdAt_idx" ON "Petition"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Petition_isPublic_createdAt_idx" ON "Petition"("isPublic", "createdAt");

-- AddForeignKey
ALTER TABLE "PetitionSearch" ADD CONSTRAINT "PetitionSearch_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

