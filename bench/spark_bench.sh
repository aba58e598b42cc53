#!/usr/bin/env bash
# `spark classify` on local masters against `predict` on the same texts, side by side in one run.
# Prints a Markdown table: wall seconds of the whole command (JVM and Spark start-up included), rows
# per second, and peak resident memory of the process (driver and executor share it in local mode).
# COUNT texts (default 20000) are taken from the head of ag_news' train split into a temporary file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${DATA:-$root/../shared/datasets/ag_news}"
count="${COUNT:-20000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head -n "$count" "$data/train.jsonl" > "$work/texts.jsonl"
"$root/labeltune" tune --train "$data/train.jsonl" --shots 8 --task "$data/task.json" --out "$work/head.json" -q >/dev/null

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/log" || { cat "$work/log" >&2; exit 1; }
  read -r seconds kib < "$work/time"
  local job
  job="$(grep -o '[0-9,]* rows/s' "$work/log" | tr -d ', rows/s' || true)"
  printf '| %s | %.1f | %.0f | %s | %.0f |\n' "$label" "$seconds" "$(echo "$count / $seconds" | bc -l)" \
    "${job:--}" "$(echo "$kib / 1024" | bc -l)"
}

echo "| command | wall s | rows/s (wall) | rows/s (job) | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|"
measure "predict" "$root/labeltune" predict --head "$work/head.json" --input "$work/texts.jsonl" --output "$work/p.jsonl" -q
measure "spark classify, local[2]" "$root/labeltune" spark classify --master 'local[2]' --input "$work/texts.jsonl" \
  --head "$work/head.json" --output "$work/s2.parquet"
measure "spark classify, local[2], --threads 2" "$root/labeltune" spark classify --master 'local[2]' \
  --input "$work/texts.jsonl" --head "$work/head.json" --output "$work/s2t2.parquet" --threads 2
measure "spark classify, local[1]" "$root/labeltune" spark classify --master 'local[1]' --input "$work/texts.jsonl" \
  --head "$work/head.json" --output "$work/s1.parquet"
