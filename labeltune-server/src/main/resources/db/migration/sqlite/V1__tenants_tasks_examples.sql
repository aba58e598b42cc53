-- Tenants and their API keys (stored only as salted hashes), tasks, their labels and examples.
CREATE TABLE tenants (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created TEXT NOT NULL
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  salt BLOB NOT NULL,
  hash BLOB NOT NULL,
  created TEXT NOT NULL,
  revoked TEXT
);

CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  template TEXT,
  multi_label INTEGER NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
);
CREATE INDEX tasks_tenant ON tasks(tenant_id, created, id);

CREATE TABLE labels (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  text TEXT,
  PRIMARY KEY (task_id, position),
  UNIQUE (task_id, name)
);

CREATE TABLE examples (
  id INTEGER PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  labels TEXT NOT NULL,
  created TEXT NOT NULL
);
CREATE INDEX examples_task ON examples(task_id, id);
