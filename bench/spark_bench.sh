#!/usr/bin/env bash
# `spark classify` on local masters against `predict` on the same texts, side by side in one run.
# Prints a Markdown table: wall seconds of the whole command (JVM and Spark start-up included), rows
# per second, and peak resident memory of the process (driver and executor share it in local mode).
# The texts are the first COUNT (default 20000) lines of TEXTS (default goemotions' train split:
# 20,000 distinct short comments, where Spark's per-row costs weigh most); the head is an 8-shot
# label-tuned head of ag_news (any head costs the same to apply).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$root/../shared/datasets"
texts="${TEXTS:-$shared/goemotions/train.jsonl}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head -n "${COUNT:-20000}" "$texts" > "$work/texts.jsonl"
count="$(wc -l < "$work/texts.jsonl")"
"$root/labeltune" tune --train "$shared/ag_news/train.jsonl" --shots 8 --task "$shared/ag_news/task.json" \
  --out "$work/head.json" -q >/dev/null
echo "$count texts from $texts"

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
