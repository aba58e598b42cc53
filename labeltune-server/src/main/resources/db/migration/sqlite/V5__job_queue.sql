-- Jobs as a queue that every replica takes from: the replica running a job holds a lease it renews;
-- a lease that runs out (its replica died) lets another replica take the job again, and attempts
-- counts how often one was taken.
ALTER TABLE jobs ADD COLUMN owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until TEXT;
ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX jobs_queue ON jobs(state, created);
