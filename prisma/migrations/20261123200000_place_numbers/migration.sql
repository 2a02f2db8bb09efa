-- CreateTable
CREATE TABLE "PetitionPlaceNumber" (
    "petitionId" INTEGER NOT NULL,
    "number" TEXT NOT NULL,

    PRIMARY KEY ("petitionId", "number"),
    CONSTRAINT "PetitionPlaceNumber_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PetitionPlaceNumber_number_idx" ON "PetitionPlaceNumber"("number");
