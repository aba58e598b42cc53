-- What a job makes: a tuned head ('tune'), or the zero-shot head of a task whose label texts were too
-- long to embed before answering its creation ('zero-shot').
ALTER TABLE jobs ADD COLUMN kind TEXT NOT NULL DEFAULT 'tune';
