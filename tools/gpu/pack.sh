#!/usr/bin/env bash
# Packs the pipeline CLI for the GPU machine (no .NET there): a self-contained linux-x64 Release publish, llama.cpp's
# native libraries left out (only the llama.cpp comparison uses them), with this folder's device-run.sh and
# experiment.pipe, as a .tar.gz under 64 MiB in a git-ignored folder.
#   tools/gpu/pack.sh [OUTPUT_DIR]      (default: .device; writes OUTPUT_DIR/pipeline-gpu.tar.gz)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/.device}"
limit=$((64 * 1024 * 1024))
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

dotnet publish "$root/src/Pipeline.Cli" -c Release -r linux-x64 --self-contained true -p:DebugType=none -p:GenerateDocumentationFile=false \
  -o "$stage/pipeline/bin" -v quiet -nologo
# llama.cpp (LLamaSharp.Backend.Cpu): (lib)llama, (lib)ggml*, (lib)mtmd for every platform and CPU feature level.
find "$stage/pipeline/bin" -type f \( -name 'libllama*' -o -name 'libggml*' -o -name 'libmtmd*' -o -name 'llama.*' -o -name 'ggml*' -o -name 'mtmd.*' -o -name 'llava*' \) -delete
find "$stage/pipeline/bin" -type d -empty -delete
mkdir -p "$stage/pipeline/gpu"
cp "$root/tools/gpu/device-run.sh" "$root/tools/gpu/experiment.pipe" "$stage/pipeline/gpu/"
git -C "$root" rev-parse HEAD > "$stage/pipeline/COMMIT" 2>/dev/null || echo unknown > "$stage/pipeline/COMMIT"

mkdir -p "$out"
tar -C "$stage" -czf "$out/pipeline-gpu.tar.gz" pipeline
size=$(stat -c %s "$out/pipeline-gpu.tar.gz")
echo "packed $out/pipeline-gpu.tar.gz: $size bytes ($((size / 1024 / 1024)) MiB, limit 64 MiB)"
if [ "$size" -ge "$limit" ]; then
  echo "error: the package is over 64 MiB; the device machine would not receive it" >&2
  exit 1
fi
