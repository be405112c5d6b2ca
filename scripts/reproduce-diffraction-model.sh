#!/usr/bin/env bash
# Rebuilds the shipped diffraction model from nothing, in the five steps its card records (training.base_training holds
# the earlier steps' records, nested):
#   1. train a ResNet-18 from random weights on shots 0–2999 of simulator seed 1, 12 epochs
#      (models/diffraction-base, not shipped);
#   2. continue it on shots 3000–5999 of the same seed, 8 epochs at a quarter of the learning rate: twice the data
#      for about half again the time, where training on 6,000 shots from scratch would double it
#      (models/diffraction-cont, not shipped; its card records --out models/diffraction, where it was shipped before —
#      the output path does not change the weights);
#   3. continue that on shots 6000–8999, 6 epochs at lr 3e-4 (validation r was still rising after step 2; its card
#      records --out models/diffraction-r3, where the sandbox wrote it);
#   4. fit the lattice and resolution stages on 2,000 shots of seed 2000 (about 5 min);
#   5. evaluate on 600 held-out shots of seed 1000 (about 2 min), writing the metrics into the card.
# The seeds never overlap. THREADS (default 1, as recorded) sets libtorch's threads for the trainings; other values give
# the same recipe with weights that differ by float rounding order. SIM_THREADS (default: every core) only sets how many
# shots are simulated at once: shot i of a seed is the same whatever the thread count, so it does not change the data
# (the cards record --sim-threads 1 because another training had the second core then).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
threads="${THREADS:-1}"
sim="${SIM_THREADS:-$(nproc)}"
cd "$here"
./run train diffraction --n 3000 --epochs 12 --seed 1 --out models/diffraction-base --sim-threads "$sim" --threads "$threads"
./run train diffraction --model models/diffraction-base/default.safetensors --start 3000 --n 3000 --epochs 8 --lr 5e-4 --seed 1 --out models/diffraction-cont --sim-threads "$sim" --threads "$threads"
./run train diffraction --model models/diffraction-cont/default.safetensors --start 6000 --n 3000 --epochs 6 --lr 3e-4 --seed 1 --out models/diffraction --sim-threads "$sim" --threads "$threads"
./run calibrate diffraction --model models/diffraction/default.safetensors --n 2000 --seed 2000 --threads 2
./run evaluate diffraction --model models/diffraction/default.safetensors --n 600 --seed 1000 --threads 2
