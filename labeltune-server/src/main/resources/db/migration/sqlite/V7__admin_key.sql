-- The deployment's admin key, one for every process sharing the store, kept only as a salted hash.
CREATE TABLE admin_key (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  salt BLOB NOT NULL,
  hash BLOB NOT NULL,
  created TEXT NOT NULL
);
