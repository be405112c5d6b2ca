#!/usr/bin/env bash
# drops-training: training images per second of the drops recipe, Winnow in float32 and with its forward pass in
# bfloat16 (train drops --precision bfloat16), against PyTorch doing the same step both ways (python3-torch), run in
# this one script and interleaved, so the ratios compare like with like on a noisy machine. Prints each rate, each
# side's peak resident memory and three ratios: Winnow bfloat16 / Winnow float32 (what --precision buys), and Winnow /
# PyTorch at each precision (goal >= 1.0).
# Usage: bench/drops-training/run.sh [size] [batch] [steps] [threads]   (default 384 32 6 1: the recipe's 384² steps)
# PRECISIONS="float32" measures float32 alone: on a CPU that emulates bfloat16 its half of the run takes ~19x longer.
# ARCH=resnet18-s2d measures the space-to-depth network (train drops --arch resnet18-s2d) on both sides.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh test >&2
SIZE=${1:-384}; BATCH=${2:-32}; STEPS=${3:-6}; THREADS=${4:-1}
dotnet build bench/Winnow.Bench.DropsTraining -c Release -nologo -v q -clp:ErrorsOnly >&2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
PRECISIONS=${PRECISIONS:-float32 bfloat16}
ARCH=${ARCH:-resnet18}
for precision in $PRECISIONS; do
  dotnet bench/Winnow.Bench.DropsTraining/bin/Release/net10.0/Winnow.Bench.DropsTraining.dll "$SIZE" "$BATCH" "$STEPS" "$THREADS" "$precision" "$ARCH" | tee -a "$out"
  /usr/bin/python3 bench/drops-training/drops_training_pytorch.py "$SIZE" "$BATCH" "$STEPS" "$THREADS" "$precision" "$ARCH" | tee -a "$out"
done
# Whether bfloat16 helps depends on the CPU (emulated without AVX-512 BF16 or AMX: 19x slower on an AVX2-only EPYC), so say which.
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
bf16=$(./run engine | sed -n 's/^bfloat16 *//p')
awk -v cpu="$cpu" -v bf16="$bf16" -v arch="$ARCH" -v s="$SIZE" -v b="$BATCH" -v n="$STEPS" -v t="$THREADS" '
  { rate[$1]=$3; rss[$1]=$5 }
  END {
    printf "\n%s training at %d², batch %d, %d timed steps, %d thread(s); CPU %s, bfloat16: %s\n", arch, s, b, n, t, cpu, bf16
    printf "%-18s %12s %14s\n", "", "images/s", "peak RSS MB"
    split("winnow-float32 pytorch-float32 winnow-bfloat16 pytorch-bfloat16", k, " ")
    for (i = 1; i <= 4; i++) if (k[i] in rate) printf "%-18s %12.2f %14d\n", k[i], rate[k[i]], rss[k[i]]
    if ("winnow-bfloat16" in rate && "winnow-float32" in rate) printf "Winnow bfloat16 / Winnow float32 = %.2f\n", rate["winnow-bfloat16"] / rate["winnow-float32"]
    for (i = 1; i <= 2; i++) { p = (i == 1 ? "float32" : "bfloat16")
      if (("winnow-" p) in rate) printf "Winnow / PyTorch in %s: %.2f (goal >= 1.0)\n", p, rate["winnow-" p] / rate["pytorch-" p] }
  }' "$out"
