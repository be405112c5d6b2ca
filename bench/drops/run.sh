#!/usr/bin/env bash
# drops: images per second from JPEG files (1224×1024, simulated) to class probabilities at batch 32 — Winnow's
# DropsScorer vs PyTorch running the same torchvision ResNet-18 with the same weights, Pillow decoding. Two rounds,
# interleaved; prints both rates, the ratio Winnow / PyTorch (goal >= 1.0) and each side's peak resident memory.
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
done
awk -v n="$N" -v t="$THREADS" '
  $1=="winnow"  { w[++nw]=$3; wm=($5>wm?$5:wm) }
  $1=="pytorch" { p[++np]=$3; pm=($5>pm?$5:pm) }
  END {
    a=(w[1]>w[2]?w[1]:w[2]); b=(p[1]>p[2]?p[1]:p[2])
    printf "\n%d JPEG drops, ResNet-18, batch 32, %d thread(s) (best of two rounds)\n", n, t
    printf "%-10s %12s %14s\n", "", "images/s", "peak RSS MB"
    printf "%-10s %12.2f %14d\n", "Winnow", a, wm
    printf "%-10s %12.2f %14d\n", "PyTorch", b, pm
    printf "ratio Winnow / PyTorch = %.2f (goal >= 1.0)\n", a/b
  }' "$out"
rm -f "$out"
