#!/usr/bin/env bash
# Rebuilds the shipped diffraction model from nothing, in the four steps its card records:
#   1. train a ResNet-18 from random weights on shots 0–2999 of simulator seed 1, 12 epochs
#      (models/diffraction-base, not shipped);
#   2. continue it on shots 3000–5999 of the same seed, 8 epochs at a quarter of the learning rate: twice the data
#      for about half again the time, where training on 6,000 shots from scratch would double it;
#   3. fit the lattice and resolution stages on 2,000 shots of seed 2000 (about 5 min);
#   4. evaluate on 600 held-out shots of seed 1000 (about 2 min), writing the metrics into the card.
# The seeds never overlap. THREADS (default 1, as recorded) sets libtorch's threads for the trainings; other values give
# the same recipe with weights that differ by float rounding order.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
threads="${THREADS:-1}"
cd "$here"
./run train diffraction --n 3000 --epochs 12 --seed 1 --out models/diffraction-base --sim-threads 1 --threads "$threads"
./run train diffraction --model models/diffraction-base/default.safetensors --start 3000 --n 3000 --epochs 8 --lr 5e-4 --seed 1 --out models/diffraction --sim-threads 1 --threads "$threads"
./run calibrate diffraction --model models/diffraction/default.safetensors --n 2000 --seed 2000 --threads 2
./run evaluate diffraction --model models/diffraction/default.safetensors --n 600 --seed 1000 --threads 2
