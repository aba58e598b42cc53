#!/usr/bin/env bash
# Wall time of a person's first command, the README's one text through zero-shot, median of RUNS (default
# 5) runs after one warm-up per variant, side by side: as shipped; without the class-data sharing archive; without the model
# and runtime cache; and `models`, which starts the JVM and the command line but opens no model.
# COMPARE=DIR adds the README's command through another checkout's launcher (a worktree of an earlier
# commit, say), so a change is measured beside what it replaces in one run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
"$root/labeltune" models >/dev/null   # builds if needed, makes the archive and fills the cache
jar="$root/labeltune-cli/target/labeltune.jar"
text='{"text":"My parcel never arrived"}'
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label, command: one warm-up run, then the median of $runs
  local label="$1" cmd="$2" i
  bash -c "$cmd" >/dev/null 2>&1
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e" bash -c "$cmd" 2>&1 >/dev/null | tail -1
  done | median | xargs printf "| %s | %s |\n" "$label"
}
archive="$root/labeltune-cli/target/labeltune.jsa"
cds="-XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
# The README's command, as a person types it (progress lines included).
readme="zero-shot --labels billing,shipping,refund --template 'This ticket is about {}.'"
echo "| variant | median wall s |"
echo "|---|---:|"
measure "the README's command through ./labeltune" "echo '$text' | $root/labeltune $readme"
measure "the same JVM without the launcher (java -jar, same archive)" "echo '$text' | java $cds -jar $jar $readme"
if [ -n "${COMPARE:-}" ]; then
  "$COMPARE/labeltune" models >/dev/null
  measure "the same through $COMPARE/labeltune" "echo '$text' | $COMPARE/labeltune $readme"
fi
measure "without the class-data sharing archive" "echo '$text' | java -jar $jar $readme"
measure "without the model and runtime cache" "echo '$text' | LABELTUNE_JAVA_OPTS=-Dlabeltune.cache.dir=none $root/labeltune $readme"
measure "./labeltune models (no model opened)" "$root/labeltune models"
