#!/usr/bin/env bash
# The on-device step of the GPU script: unpacks the package tools/gpu/pack.sh made and, within 8 minutes, runs
#   1. pipeline bench gpu       device bandwidth and FMA peak, CPU parity, kernel rates, a ~1B model's tokens/s
#   2. pipeline run             an execute-mode experiment on local(cuda) (experiment.pipe)
#   3. pipeline calibrate --local, then pipeline fidelity --import: simulate-vs-execute on this GPU
# writing JSON and short tables under $OUT (at most 8 files: what the device tool brings back).
#   OUT=DIR tools/gpu/device-run.sh [--accelerator cuda|cpu] [--quick] [--package PATH]
# --accelerator cpu runs everything on ILGPU's CPU accelerator (with --quick: tiny sizes), to test the script here.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
accelerator=cuda quick="" package=""
while [ $# -gt 0 ]; do
  case "$1" in
    --accelerator) accelerator="$2"; shift 2 ;;
    --quick) quick=--quick; shift ;;
    --package) package="$2"; shift 2 ;;
    *) echo "error: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
case "$accelerator" in cuda) backend=cuda ;; cpu) backend=ilgpu-cpu ;; *) echo "error: --accelerator is cuda or cpu" >&2; exit 2 ;; esac
: "${OUT:?set OUT to the folder whose files come back}"
mkdir -p "$OUT"
[ -n "$package" ] || package="$(cd "$here/../.." && pwd)/.device/pipeline-gpu.tar.gz"
[ -f "$package" ] || { echo "error: no package at $package (run tools/gpu/pack.sh first)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$package" -C "$work"
bin="$work/pipeline/bin/pipeline"
# No ICU is needed: every figure is rendered in the invariant culture.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
steps="$OUT/steps.txt"
echo "package commit $(cat "$work/pipeline/COMMIT"), accelerator $accelerator ${quick:-(full sizes)}, started $(date -u +%H:%M:%S)" > "$steps"
[ "$accelerator" = cuda ] && command -v nvidia-smi > /dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader >> "$steps"

# Each step has its own time limit; on the GPU together they stay under 8 minutes (480 s). The CPU mode is a test of
# the script on a machine of any speed: its limits are ten times longer.
scale=1; [ "$accelerator" = cpu ] && scale=10
step() { # name seconds command...
  local name="$1" limit=$(($2 * scale)) start=$SECONDS; shift 2
  timeout "$limit" "$@"; local rc=$?
  echo "$name: exit $rc after $((SECONDS - start)) s (limit $limit s)" | tee -a "$steps"
  return $rc
}

status=0
step "bench gpu" 270 "$bin" bench gpu --accelerator "$accelerator" $quick --out "$OUT" || status=1

# The experiment as written targets local(cuda); the CPU mode recompiles its text with local(ilgpu-cpu) and 4 requests.
experiment="$work/experiment.pipe"
if [ "$accelerator" = cuda ]; then cp "$work/pipeline/gpu/experiment.pipe" "$experiment"
else sed -e 's/local(cuda)/local(ilgpu-cpu)/' -e 's/requests = 200/requests = 4/' -e 's/min_queries = 200/min_queries = 4/' "$work/pipeline/gpu/experiment.pipe" > "$experiment"; fi
step "run (execute mode)" 90 "$bin" run "$experiment" --out "$work/run" > "$OUT/experiment.txt" 2>&1 || true
[ -f "$work/run/result.json" ] && cp "$work/run/result.json" "$OUT/experiment-result.json"

# The CPU mode calibrates the fast CPU backend: it only tests the step (ILGPU's CPU accelerator would take many minutes).
calibrated=$backend; [ "$accelerator" = cpu ] && calibrated=cpu
step "calibrate --local" 60 "$bin" calibrate --local --backend "$calibrated" --models tiny --write "$OUT/calibration.pipe" > "$OUT/calibrate.txt" 2>&1 || true
import=(); [ -f "$OUT/calibration.pipe" ] && import=(--import "$OUT/calibration.pipe")
step "fidelity (simulate vs execute)" 55 "$bin" fidelity "$experiment" "${import[@]}" > "$OUT/fidelity.txt" 2>&1 || true
echo "finished $(date -u +%H:%M:%S)" >> "$steps"
cat "$steps"
# The exit code is the GPU check's: 0 when it ran and parity held (the run INVALID under its SLOs is not a failure here).
exit $status
