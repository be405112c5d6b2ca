#!/usr/bin/env bash
# Rebuilds the shipped diffraction model from nothing, in the three steps its card records:
#   1. train the ResNet-18 on 3,000 simulated shots of seed 1 (about 90 min on one core of a 2-core machine);
#   2. fit the lattice stage on 2,000 shots of seed 2000 (about 5 min);
#   3. evaluate on 600 held-out shots of seed 1000 (about 2 min), writing the metrics into the card.
# OUT (default models/diffraction) is where the weights and card go; the seeds never overlap.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${OUT:-models/diffraction}"
cd "$here"
./run train diffraction --n 3000 --epochs 12 --seed 1 --out "$out" --sim-threads 1 --threads 1
./run calibrate diffraction --model "$out/default.safetensors" --n 2000 --seed 2000 --threads 2
./run evaluate diffraction --model "$out/default.safetensors" --n 600 --seed 1000 --threads 2
