-- CreateTable
CREATE TABLE "ChannelEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ChannelEvent_channel_userId_at_idx" ON "ChannelEvent"("channel", "userId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelEvent_channel_externalId_key" ON "ChannelEvent"("channel", "externalId");

