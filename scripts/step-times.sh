# Sourced by the multi-step training scripts: `step_times_begin SCRIPT TIMES_FILE DETAILS` writes the start line,
# then `step NAME cmd…` runs one step and prints its minutes and the running total to stderr and TIMES_FILE, so a run
# from end to end leaves its measured time (with the CPU it ran on) instead of an estimate.
step_times_begin() {
  step_script="$1" step_times_file="$2"
  mkdir -p "$(dirname "$step_times_file")"
  echo "$step_script: started $(date -u +%FT%TZ), $3, CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" | tee "$step_times_file" >&2
  step_begun=$SECONDS
}
step() {
  local name="$1" t0=$SECONDS; shift
  "$@"
  awk -v s="$step_script" -v n="$name" -v a=$(( SECONDS - t0 )) -v b=$(( SECONDS - step_begun )) \
    'BEGIN { printf "%s: step %s took %.1f min (%.1f min so far)\n", s, n, a / 60, b / 60 }' | tee -a "$step_times_file" >&2
}
