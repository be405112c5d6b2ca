#!/usr/bin/env bash
# drops: images per second from JPEG files (1224×1024, simulated) to class probabilities at batch 32 — Winnow's
# DropsScorer vs PyTorch running the same torchvision ResNet-18 with the same weights, Pillow decoding. Two rounds,
# interleaved; prints both rates, the ratio Winnow / PyTorch (goal >= 1.0) and each side's peak resident memory, and
# PyTorch once more with the malloc settings Winnow's native library uses (PyTorch*).
# Usage: bench/drops/run.sh [images] [threads] [repetitions]  (weights: models/drops/default.safetensors)
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh test >&2
N=${1:-256}; THREADS=${2:-1}; REPS=${3:-3}
WEIGHTS=${WEIGHTS:-models/drops/default.safetensors}
dotnet build bench/Winnow.Bench.Drops -c Release -nologo -v q -clp:ErrorsOnly >&2
dotnet build src/Winnow.Cli -c Release -nologo -v q -clp:ErrorsOnly >&2
IMAGES=$(mktemp -d)
trap 'rm -rf "$IMAGES"' EXIT
src/Winnow.Cli/bin/Release/net10.0/winnow simulate drops --n "$N" --out "$IMAGES" --seed 77 --json >/dev/null
out=$(mktemp)
for round in 1 2; do
  dotnet bench/Winnow.Bench.Drops/bin/Release/net10.0/Winnow.Bench.Drops.dll "$WEIGHTS" "$IMAGES" "$THREADS" "$REPS" | tee -a "$out"
  /usr/bin/python3 bench/drops/drops_pytorch.py "$WEIGHTS" "$IMAGES" "$THREADS" "$REPS" | tee -a "$out"
  # PyTorch again with the glibc settings Winnow's native library applies to itself (see native/src/memory.cpp), so the
  # ratio shows what is the allocator and what is the rest.
  MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=2147483647 /usr/bin/python3 bench/drops/drops_pytorch.py "$WEIGHTS" "$IMAGES" "$THREADS" "$REPS" \
    | sed 's/^pytorch /pytorch-heap /' | tee -a "$out"
done
awk -v n="$N" -v t="$THREADS" '
  $1=="winnow"  { w[++nw]=$3; wm=($5>wm?$5:wm) }
  $1=="pytorch" { p[++np]=$3; pm=($5>pm?$5:pm) }
  $1=="pytorch-heap" { h[++nh]=$3; hm=($5>hm?$5:hm) }
  END {
    a=(w[1]>w[2]?w[1]:w[2]); b=(p[1]>p[2]?p[1]:p[2]); c=(h[1]>h[2]?h[1]:h[2])
    printf "\n%d JPEG drops, ResNet-18, batch 32, %d thread(s) (best of two rounds)\n", n, t
    printf "%-10s %12s %14s\n", "", "images/s", "peak RSS MB"
    printf "%-10s %12.2f %14d\n", "Winnow", a, wm
    printf "%-10s %12.2f %14d\n", "PyTorch", b, pm
    printf "%-10s %12.2f %14d   (MALLOC_MMAP_MAX_=0, as Winnow keeps its heap)\n", "PyTorch*", c, hm
    printf "ratio Winnow / PyTorch = %.2f (goal >= 1.0); Winnow / PyTorch* = %.2f\n", a/b, a/c
  }' "$out"
rm -f "$out"
