#!/usr/bin/env bash
# Zero-shot accuracy of every built-in model on every dataset under DATASETS (default ../shared/datasets),
# with each dataset's task.json template. Zero-shot does not depend on the seed, so one seed is run.
# LABELTUNE overrides the command (e.g. "java -jar /copy/labeltune.jar"). Prints one JSON report per line (the last line of `labeltune eval --json`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
datasets="${DATASETS:-$root/../shared/datasets}"
models="${MODELS:-all-minilm-l6-v2 all-minilm-l6-v2-q bge-small-en-v1.5 e5-small-v2 bge-small-zh-v1.5}"
for model in $models; do
  for dir in "$datasets"/*/; do
    [ -f "$dir/test.jsonl" ] || continue
    ${LABELTUNE:-"$root/labeltune"} eval --data "$dir" --method zero-shot --model "$model" --seeds 1 --json | tail -n 1
  done
done
