#!/usr/bin/env bash
# engine-parity: ResNet-18, 224², batch 32, same threads — Winnow (C# over the libtorch bridge) vs PyTorch
# (Debian's python3-torch, torchvision's resnet18). Runs each side twice, interleaved, to spread machine noise,
# and prints the medians and the ratio PyTorch time / Winnow time (>= 0.95 means the bridge costs at most 5 %).
# Usage: bench/engine-parity/run.sh [threads] [repetitions] [batch]
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh test >&2
THREADS=${1:-$(nproc)}; REPS=${2:-5}; BATCH=${3:-32}
BENCH=bench/Winnow.Bench.Engine/bin/Release/net10.0/Winnow.Bench.Engine.dll
out=$(mktemp)
for round in 1 2; do
  dotnet "$BENCH" "$THREADS" "$REPS" "$BATCH" | tee -a "$out"
  /usr/bin/python3 bench/engine-parity/engine_parity.py "$THREADS" "$REPS" "$BATCH" | tee -a "$out"
done
awk '
  $1=="winnow"  { wi[++nw]=$3; wt[nw]=$5 }
  $1=="pytorch" { pi[++np]=$3; pt[np]=$5 }
  function med(a, n,   i, j, t) { for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]<a[i]) { t=a[i]; a[i]=a[j]; a[j]=t }
                                   return n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2 }
  END {
    a=med(wi,nw); b=med(pi,np); c=med(wt,nw); d=med(pt,np)
    printf "\n%-28s %10s %10s %8s\n", "ResNet-18 224² batch", "Winnow s", "PyTorch s", "ratio"
    printf "%-28s %10.3f %10.3f %8.3f\n", "inference", a, b, b/a
    printf "%-28s %10.3f %10.3f %8.3f\n", "forward+backward+AdamW", c, d, d/c
    printf "ratio = PyTorch time / Winnow time; goal >= 0.95\n"
  }' "$out"
rm -f "$out"
