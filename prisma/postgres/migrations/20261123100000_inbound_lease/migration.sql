-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

