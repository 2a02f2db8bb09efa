-- CreateTable
CREATE TABLE "ChannelEvent" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChannelEvent_channel_userId_at_idx" ON "ChannelEvent"("channel", "userId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelEvent_channel_externalId_key" ON "ChannelEvent"("channel", "externalId");

