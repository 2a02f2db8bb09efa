-- CreateTable
CREATE TABLE "PetitionSearchTerm" (
    "term" TEXT NOT NULL,
    "petitionId" INTEGER NOT NULL,
    "scopes" INTEGER NOT NULL,

    PRIMARY KEY ("term", "petitionId"),
    CONSTRAINT "PetitionSearchTerm_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PetitionSearchTerm_petitionId_term_scopes_idx" ON "PetitionSearchTerm"("petitionId", "term", "scopes");

-- CreateIndex
CREATE INDEX "Petition_isPublic_status_idx" ON "Petition"("isPublic", "status");

