-- Counts every change of a task's active head, so a replica that hears of changes out of order
-- keeps the newest: the head it serves changes only to one with a higher count.
ALTER TABLE tasks ADD COLUMN head_serial BIGINT NOT NULL DEFAULT 0;
