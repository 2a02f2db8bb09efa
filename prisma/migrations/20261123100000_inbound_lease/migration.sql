-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN "leaseUntil" DATETIME;

