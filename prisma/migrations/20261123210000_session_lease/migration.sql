-- AlterTable
ALTER TABLE "ChatSession" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "ChatSession" ADD COLUMN "leaseUntil" DATETIME;
