#!/usr/bin/env bash
# Cells per second of a sweep (benchmarks/cluster/sweep-600s.pipe: ten times sweep-rate's work per cell) on N `pipeline worker` silos on this machine (Redis membership), against the plain loop
# and the in-process silo. Usage: tools/cluster/cells-per-second.sh [FILE] [N...]   (default examples/sweep-rate.pipe, 1 3)
# Builds Release once; starts its own redis-server on a free port; every worker gets --slots 1 so N is the parallelism.
set -euo pipefail
cd "$(dirname "$0")/../.."
file="${1:-examples/sweep-rate.pipe}"; shift || true
counts=("${@:-1 3}"); counts=(${counts[@]})
dotnet build -c Release src/Pipeline.Cli -v q -nologo >/dev/null
cli="src/Pipeline.Cli/bin/Release/net10.0/pipeline.dll"
work="$(mktemp -d)"; port=$(( 20000 + RANDOM % 20000 ))
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --dir "$work" --pidfile "$work/redis.pid" --logfile "$work/redis.log"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; kill "$(cat "$work/redis.pid")" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cells=$(dotnet "$cli" plan "$file" | sed -n 's/^ *runs (\([0-9]*\))$/\1/p'); cells=${cells:-1}
# Two figures per setup: the whole command (process start, silo start or connect, compile, cells) and the cells alone
# (from the first line printed once cells start, `== run 1/` or `cluster ...: N cells`, to the command's end).
timed() {
  local start first="" end line
  start=$(date +%s.%N)
  while IFS= read -r line; do
    if [ -z "$first" ] && { [[ "$line" == "== run 1/"* ]] || [[ "$line" == "cluster "*" cells" ]]; }; then first=$(date +%s.%N); fi
  done < <("$@" 2>/dev/null || true)
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $(echo "$end - ${first:-$start}" | bc)"
}
report() {
  local whole cellsonly; read -r whole cellsonly <<<"$2"
  printf '%-28s whole %6.1f s (%5.2f cells/s)   cells only %6.1f s (%5.2f cells/s)\n' "$1" "$whole" "$(echo "$cells / $whole" | bc -l)" "$cellsonly" "$(echo "$cells / $cellsonly" | bc -l)"
}
echo "file $file: $cells cells; load average $(cut -d' ' -f1-3 /proc/loadavg)"
report "plain loop" "$(timed dotnet "$cli" run "$file" --cluster none)"
report "in-process silo (all cores)" "$(timed dotnet "$cli" run "$file" --cluster local)"
for n in "${counts[@]}"; do
  cluster="redis://127.0.0.1:$port/bench$n"
  for _ in $(seq 1 "$n"); do dotnet "$cli" worker --cluster "$cluster" --advertise 127.0.0.1 --slots 1 >"$work/w$n-$RANDOM.log" 2>&1 & pids+=($!); done
  until [ "$(cat "$work"/w"$n"-*.log 2>/dev/null | grep -c ' joined cluster ')" -ge "$n" ]; do sleep 1; done
  report "$n worker(s), 1 slot each" "$(timed dotnet "$cli" run "$file" --cluster "$cluster")"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=()
done
