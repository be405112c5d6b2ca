#!/usr/bin/env bash
# Diffraction triage speed: the same real CBF shots through (a) Winnow (`winnow score diffraction`: decode → preprocess →
# ResNet) and (b) DIALS per-image analysis (dials.import + dials.find_spots + dials.spot_counts_per_image), one core each.
# Prints seconds per image for each and the ratio DIALS / Winnow (goal: >= 10), for Winnow's network in float32 (the
# default) and in bfloat16 (`--bf16`).
# DIALS runs a second time with the malloc settings Winnow's native library applies to itself (native/src/memory.cpp:
# large blocks from the heap, no trimming), so the ratio shows what is the allocator and what is the rest (dials*).
# Start-up (process, Python imports, model load) is measured apart: each side runs on 1 image and on all N images,
# and the per-image time is (T_N − T_1) / (N − 1); the totals divided by N are printed too.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${WINNOW_SHARED_DATA:-$repo/../shared/data}"
model="${MODEL:-$repo/models/diffraction/default.safetensors}"
reps="${REPS:-3}"

"$repo/scripts/setup.sh" bench >&2
dotnet build -c Release -v q --nologo "$repo/src/Winnow.Cli" >/dev/null
cli="$repo/src/Winnow.Cli/bin/Release/net10.0/winnow.dll"
files=("$data"/diffraction/thau_3_2_*.cbf)
n=${#files[@]}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The shots are repeated (links in one folder per repeat, so DIALS sees distinct files) so that the per-image slope
# is measured over much more work than the start-up.
many=()
for r in $(seq "$reps"); do
  mkdir -p "$work/rep$r"
  for f in "${files[@]}"; do ln -s "$f" "$work/rep$r/"; many+=("$work/rep$r/$(basename "$f")"); done
done

winnow() { OMP_NUM_THREADS=1 taskset -c 0 dotnet "$cli" score diffraction --json --model "$model" "$@" >/dev/null; }
winnow_bf16() { winnow --bf16 "$@"; }
dials() {
  rm -rf "$work/d" && mkdir -p "$work/d" && cd "$work/d"
  taskset -c 0 dials.import "$@" output.experiments=imported.expt >/dev/null
  taskset -c 0 dials.find_spots imported.expt output.reflections=strong.refl nproc=1 >/dev/null
  taskset -c 0 dials.spot_counts_per_image imported.expt strong.refl >/dev/null
  cd "$repo"
}
seconds() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

m=${#many[@]}
winnow "${files[0]}"   # warm the file cache and the JIT's disk caches once
w1=$(seconds winnow "${files[0]}")
wn=$(seconds winnow "${many[@]}")
b1=$(seconds winnow_bf16 "${files[0]}")
bn=$(seconds winnow_bf16 "${many[@]}")
d1=$(seconds dials "${files[0]}")
dn=$(seconds dials "${many[@]}")
export MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=2147483647
h1=$(seconds dials "${files[0]}")
hn=$(seconds dials "${many[@]}")
unset MALLOC_MMAP_MAX_ MALLOC_TRIM_THRESHOLD_

per() { echo "($2 - $1) / ($m - 1)" | bc -l; }
wper=$(per "$w1" "$wn"); bper=$(per "$b1" "$bn"); dper=$(per "$d1" "$dn"); hper=$(per "$h1" "$hn")
printf '%-14s %8s %10s %14s %12s\n' tool images total_s total_s/image s/image
row() { printf '%-14s %8d %10.2f %14.3f %12.3f\n' "$1" "$m" "$2" "$(echo "$2 / $m" | bc -l)" "$3"; }
row winnow "$wn" "$wper"
row winnow-bf16 "$bn" "$bper"
row dials "$dn" "$dper"
row 'dials*' "$hn" "$hper"
printf 'ratio DIALS / Winnow per image (start-up excluded): %.1f x (float32), %.1f x (bfloat16); including start-up: %.1f x, %.1f x\n' \
  "$(echo "$dper / $wper" | bc -l)" "$(echo "$dper / $bper" | bc -l)" "$(echo "$dn / $wn" | bc -l)" "$(echo "$dn / $bn" | bc -l)"
printf 'ratio DIALS* (same malloc settings as Winnow) / Winnow per image: %.1f x (float32), %.1f x (bfloat16)\n' \
  "$(echo "$hper / $wper" | bc -l)" "$(echo "$hper / $bper" | bc -l)"
