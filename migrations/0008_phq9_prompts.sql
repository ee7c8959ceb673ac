-- A self-check's prompts (a rise, a high total, thoughts of self-harm again)
-- are shown once on Today as well as on its result page: this marks that.
ALTER TABLE assessments ADD COLUMN prompts_shown INTEGER NOT NULL DEFAULT 0 CHECK (prompts_shown IN (0, 1));
