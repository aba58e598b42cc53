#!/usr/bin/env bash
# The few-shot protocol (8 shots, 5 seeds by default) for the frozen-encoder methods on every dataset
# under DATASETS (default ../shared/datasets), one eval process per dataset so the methods share the
# test embeddings. Prints one JSON report per line. LABELTUNE overrides the command; METHODS, SHOTS,
# SEEDS, MODEL and NAMES (dataset names, in order) override the defaults; EXTRA adds eval options
# (e.g. EXTRA='--teacher ft').
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
datasets="${DATASETS:-$root/../shared/datasets}"
methods="${METHODS:-zero-shot,prototype,logreg,lt,lt-kd}"
names="${NAMES:-$(ls "$datasets")}"
for name in $names; do
  dir="$datasets/$name"
  [ -f "$dir/test.jsonl" ] || continue
  m="$methods"
  # lt-kd distills single-label distributions, ft's batch softmax and ytune's hinge loss are single-label: the multi-label
  # set gets the others.
  if grep -q '"labels"' "$dir/train.jsonl"; then
    m="$(echo "$m" | tr ',' '\n' | grep -v -x -e lt-kd -e ft -e ytune | paste -sd, -)"
    [ -n "$m" ] || continue
  fi
  ${LABELTUNE:-"$root/labeltune"} eval --data "$dir" --method "$m" --model "${MODEL:-all-minilm-l6-v2}" \
    --shots "${SHOTS:-8}" --seeds "${SEEDS:-5}" ${EXTRA:-} --json | grep '^{'
done
