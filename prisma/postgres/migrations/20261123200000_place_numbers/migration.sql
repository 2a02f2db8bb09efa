-- CreateTable
CREATE TABLE "PetitionPlaceNumber" (
    "petitionId" INTEGER NOT NULL,
    "number" TEXT NOT NULL,

    CONSTRAINT "PetitionPlaceNumber_pkey" PRIMARY KEY ("petitionId","number")
);

-- CreateIndex
CREATE INDEX "PetitionPlaceNumber_number_idx" ON "PetitionPlaceNumber"("number");

-- AddForeignKey
ALTER TABLE "PetitionPlaceNumber" ADD CONSTRAINT "PetitionPlaceNumber_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

