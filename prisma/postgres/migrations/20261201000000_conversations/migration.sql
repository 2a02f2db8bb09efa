-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "localPath" TEXT,
ADD COLUMN     "mime" TEXT,
ADD COLUMN     "size" INTEGER;

-- AlterTable
ALTER TABLE "Petition" ADD COLUMN     "collectedBy" TEXT,
ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "PetitionSupplement" (
    "id" SERIAL NOT NULL,
    "petitionId" INTEGER NOT NULL,
    "inboundId" INTEGER,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PetitionSupplement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskProgress" (
    "id" SERIAL NOT NULL,
    "taskKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "asOf" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaskProgress_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PetitionSupplement_inboundId_key" ON "PetitionSupplement"("inboundId");

-- CreateIndex
CREATE INDEX "PetitionSupplement_petitionId_idx" ON "PetitionSupplement"("petitionId");

-- CreateIndex
CREATE INDEX "TaskProgress_taskKey_id_idx" ON "TaskProgress"("taskKey", "id");

-- CreateIndex
CREATE INDEX "Petition_status_urgent_createdAt_idx" ON "Petition"("status", "urgent", "createdAt");

-- AddForeignKey
ALTER TABLE "PetitionSupplement" ADD CONSTRAINT "PetitionSupplement_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CreateTable
CREATE TABLE "ChannelCredential" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelCredential_pkey" PRIMARY KEY ("key")
);

