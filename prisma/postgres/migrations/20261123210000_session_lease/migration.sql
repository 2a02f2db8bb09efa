-- AlterTable
ALTER TABLE "ChatSession" ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3);

