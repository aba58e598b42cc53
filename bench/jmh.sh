#!/usr/bin/env bash
# JMH microbenchmarks of the hot kernels (module labeltune-bench, compiled by the default build but
# never run by it). Arguments go to JMH, e.g.: bench/jmh.sh ScoringBenchmark -p labels=10000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -B -q -DskipTests package -pl labeltune-bench -am 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g') >&2
CLASSPATH="$root/labeltune-bench/target/classes:$(cat "$root/labeltune-bench/target/classpath.txt")" \
  exec java org.openjdk.jmh.Main "$@"
