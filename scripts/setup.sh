#!/usr/bin/env bash
# Brings a fresh Debian 12 machine to the point where Winnow builds and runs, then builds it.
# Every step is skipped when its result is already there, so a second call costs seconds.
# Usage: scripts/setup.sh [run|test|bench]   ("test" also installs what the tests use as references, DIALS among them;
# "bench" also what the benchmark scripts need besides)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PURPOSE=${1:-run}

RUN_PACKAGES=(libtorch-dev libopencv-dev cmake g++ make)
# python3-dials: the miniCBF writer's tests read our files back with dxtbx, and the benchmarks race DIALS.
TEST_PACKAGES=(python3-torch python3-torchvision python3-numpy python3-mrcfile python3-gemmi python3-dials postgresql munge slurm-wlm)
BENCH_PACKAGES=(bc)

missing=()
want=("${RUN_PACKAGES[@]}")
case "$PURPOSE" in
  test) want+=("${TEST_PACKAGES[@]}") ;;
  bench) want+=("${TEST_PACKAGES[@]}" "${BENCH_PACKAGES[@]}") ;;
esac
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "winnow setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >/dev/null
  # dpkg has been seen stopping half-way with big packages; repair and retry once.
  if ! $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/winnow-apt.log 2>&1; then
    $SUDO apt-get -f install -y -q >>/tmp/winnow-apt.log 2>&1 || true
    $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/winnow-apt.log 2>&1 \
      || { echo "winnow setup: apt-get failed, see /tmp/winnow-apt.log" >&2; tail -20 /tmp/winnow-apt.log >&2; exit 1; }
  fi
fi

# Native bridge: CMake and make are incremental on their own.
BUILD=native/build
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S native -B "$BUILD" -DCMAKE_BUILD_TYPE=Release ${Torch_DIR:+-DTorch_DIR="$Torch_DIR"} >/tmp/winnow-cmake.log 2>&1 \
    || { echo "winnow setup: cmake configure failed, see /tmp/winnow-cmake.log" >&2; tail -20 /tmp/winnow-cmake.log >&2; exit 1; }
fi
if ! cmake --build "$BUILD" -j "$(nproc)" >/tmp/winnow-native-build.log 2>&1; then
  echo "winnow setup: native build failed:" >&2; grep -E "error|Error" /tmp/winnow-native-build.log | head -20 >&2; exit 1
fi

# .NET: rebuild only when something under src, tests, bench or models (or the native library, or a
# project-wide props file) is newer than the last successful build.
STAMP=.build-stamp
changed() {
  [ ! -f "$STAMP" ] && return 0
  [ -n "$(find src tests bench models Directory.Build.props Directory.Packages.props Winnow.sln "$BUILD/libwinnow_native.so" \
      -newer "$STAMP" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null)" ]
}
if changed; then
  touch "$STAMP.new"
  dotnet build Winnow.sln -c Release -nologo -v q -clp:ErrorsOnly
  mv "$STAMP.new" "$STAMP"
fi
