-- A finished tuning job's cross-validation report (per-label scores, confusion matrices) as JSON.
ALTER TABLE jobs ADD COLUMN report TEXT;
