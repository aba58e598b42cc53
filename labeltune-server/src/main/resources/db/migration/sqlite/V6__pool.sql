-- A task's unlabeled pool: texts waiting to be chosen for labeling, with their embeddings (float32,
-- little-endian) so a restart does not encode them again; a text appears once per task.
CREATE TABLE pool_texts (
  id INTEGER PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  embedding BLOB NOT NULL,
  created TEXT NOT NULL,
  UNIQUE (task_id, text_hash)
);
CREATE INDEX pool_task ON pool_texts(task_id, id);
