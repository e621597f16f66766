#!/usr/bin/env bash
# Consecutive clean-clone CI runs with both cores kept busy by other processes (issue 11's flakiness check):
# two `yes > /dev/null` loops run for the whole sequence; each run clones the repository, checks out COMMIT, copies
# ../shared beside it and runs `.ci/run`; the sequence stops at the first failure. One line per run goes to
# $WORK/log (commit, exit code, seconds, load average before -> after, the run's closing line).
# usage: tools/ci/loaded-runs.sh COUNT [COMMIT] [WORK]   (defaults: HEAD, /tmp/loaded)
set -u
count=${1:?usage: loaded-runs.sh COUNT [COMMIT] [WORK]}
repo=$(git -C "$(dirname "$0")/../.." rev-parse --show-toplevel)
commit=$(git -C "$repo" rev-parse "${2:-HEAD}")
work=${3:-/tmp/loaded}
shared="$repo/../shared"
mkdir -p "$work"
yes > /dev/null & busy1=$!
yes > /dev/null & busy2=$!
trap 'kill $busy1 $busy2 2>/dev/null' EXIT
for i in $(seq 1 "$count"); do
  run="$work/run$i"
  rm -rf "$run" && mkdir -p "$run"
  git clone -q "$repo" "$run/main" && git -C "$run/main" checkout -q "$commit" && cp -r "$shared" "$run/shared"
  start=$(date +%s); before=$(cut -d' ' -f1 /proc/loadavg)
  (cd "$run/main" && CI=true bash .ci/run > "$run/out.txt" 2>&1); rc=$?
  after=$(cut -d' ' -f1 /proc/loadavg)
  echo "run $i commit ${commit:0:7} rc $rc $(( $(date +%s) - start ))s load $before->$after $(date -u +%H:%M) :: $(tail -1 "$run/out.txt")" >> "$work/log"
  [ "$rc" -ne 0 ] && exit "$rc"
  rm -rf "$run/main/src" "$run/main/tests"   # keep out.txt and the TRX files, free the disk
done
