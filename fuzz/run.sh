#!/usr/bin/env bash
# Builds the fuzz targets and runs each one for SECONDS (default 60), one
# after another (one libFuzzer job at a time), then prints a summary with
# the number of executions per target.
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# Targets default to all of them. Seed corpora are written to
# fuzz/corpus/<target>/ by `examples/make_seeds.rs` when missing; what
# libFuzzer finds is added there too. Logs go to fuzz/artifacts/logs/,
# crashing inputs to fuzz/artifacts/<target>/. Exits 1 if any target
# failed. See fuzz/README.md.
set -uo pipefail

cd "$(dirname "$0")" || exit 2
secs=${1:-60}
[ $# -gt 0 ] && shift
all=(decode_updates decode_messages decode_any_boxed decode_any_function decode_dynamic decode_envelopes load_schema)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

# cargo-fuzz passes -Z flags (sanitizers, coverage options) to rustc, which
# only a nightly compiler accepts; RUSTC_BOOTSTRAP=1 lets the stable one do
# it.
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install cargo-fuzz --locked || exit 2
fi

missing=0
for t in "${all[@]}"; do
    if [ -z "$(ls -A "corpus/$t" 2>/dev/null)" ]; then missing=1; fi
done
if [ $missing = 1 ]; then
    echo "== writing seed corpora"
    cargo run --release --example make_seeds || exit 2
fi

echo "== building fuzz targets"
cargo fuzz build || exit 2

mkdir -p artifacts/logs
summary=()
failed=0
for t in "${targets[@]}"; do
    dict=dict/tl-binary.dict
    extra=()
    if [ "$t" = load_schema ]; then
        dict=dict/tl.dict
        extra=(-max_len=4096)
    fi
    log="artifacts/logs/$t.log"
    echo "== $t: ${secs}s (log: fuzz/$log)"
    cargo fuzz run "$t" "corpus/$t" -- \
        -max_total_time="$secs" -print_final_stats=1 -timeout=10 \
        -rss_limit_mb=2048 -dict="$dict" "${extra[@]}" >"$log" 2>&1
    rc=$?
    execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -1)
    rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log" | tail -1)
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | sed -E 's/^#[0-9]+[[:space:]]+DONE[[:space:]]+//')
    line=$(printf '%-20s execs=%-10s exec/s=%-7s %s' "$t" "${execs:-?}" "${rate:-?}" "$done_line")
    if [ $rc -ne 0 ]; then
        failed=1
        artifact=$(grep -o 'Test unit written to [^ ]*' "$log" | tail -1 | sed 's/Test unit written to //')
        line="$line  FAILED (exit $rc${artifact:+, input: $artifact})"
        grep -m1 -E "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer" "$log" >&2
    fi
    echo "$line"
    summary+=("$line")
done

echo "== summary (${secs}s per target)"
printf '%s\n' "${summary[@]}"
exit $failed
