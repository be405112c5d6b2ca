#!/usr/bin/env bash
# Throughput of Winnow's CBF and MRC readers against dxtbx and mrcfile on the same real files, in one script.
# Prints MB/s of decoded data for each and the ratio Winnow / reference (goal: >= 1.0). Single-threaded on both sides.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${WINNOW_SHARED_DATA:-$repo/../shared/data}"
reps="${REPS:-5}"
py=/usr/bin/python3   # the system Python that has dxtbx and mrcfile

dotnet build -c Release -v q --nologo "$repo/bench/Winnow.Bench.Formats" >/dev/null
bench="$repo/bench/Winnow.Bench.Formats/bin/Release/net10.0/Winnow.Bench.Formats"

cbf=("$data"/diffraction/*.cbf)
mrc=("$data"/mrc/*.mrcs "$data"/mrc/empiar_10076_7.mrc)

printf '%-4s %12s %12s %8s   %s\n' kind winnow_MB/s ref_MB/s ratio reference
for kind in cbf mrc; do
  if [ "$kind" = cbf ]; then files=("${cbf[@]}"); ref=dxtbx; r=$reps; else files=("${mrc[@]}"); ref=mrcfile; r=$((reps * 20)); fi
  w=$(DOTNET_TieredPGO=1 taskset -c 0 "$bench" "$r" "$kind" "${files[@]}" | awk '{print $2}')
  p=$(taskset -c 0 "$py" "$here/reference.py" "$r" "$kind" "${files[@]}" | awk '{print $2}')
  printf '%-4s %12s %12s %8.2f   %s (%d files x %d reps)\n' "$kind" "$w" "$p" "$(echo "$w / $p" | bc -l)" "$ref" "${#files[@]}" "$r"
done
