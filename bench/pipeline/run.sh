#!/usr/bin/env bash
# Pipeline benchmark. (a) `winnow run` on N images vs the model alone (RasterClassifierScorer.Score in a loop) on the
# same images: pipeline efficiency, goal >= 90 %. (b) the store benchmark (bench/store): 100,000 machine scores into
# SQLite and PostgreSQL through the store vs a plain bulk insert.
# Usage: bench/pipeline/run.sh [N=2000] [INPUT=128] [STORE_N=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000}; INPUT=${2:-128}; STORE_N=${3:-100000}
WORK=$(mktemp -d /tmp/winnow-bench-pipeline.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
dotnet build src/Winnow.Cli -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/Winnow.Bench.Pipeline -c Release -nologo -v q -clp:ErrorsOnly
echo "== (a) pipeline efficiency"
dotnet bench/Winnow.Bench.Pipeline/bin/Release/net10.0/Winnow.Bench.Pipeline.dll "$WORK" "$PWD/src/Winnow.Cli/bin/Release/net10.0/winnow.dll" "$N" "$INPUT"
echo "== (b) store: $STORE_N scores"
bench/store/run.sh "$STORE_N"
