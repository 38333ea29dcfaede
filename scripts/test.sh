#!/usr/bin/env bash
# Quick-start *test* command: build the solution and run every test project against a
# throwaway PostgreSQL cluster. Extra arguments go to `dotnet test`, e.g.
#   scripts/test.sh --filter "FullyQualifiedName~Pdf"
# The last line printed is always `tests: N passed, M failed[, K skipped]`.
# Environment:
#   TPPS_ARTIFACTS          screenshots and copies of the TRX files (default <repo>/artifacts)
#   TPPS_TEST_PORT          first port to try for the test cluster (default 55432)
#   TPPS_TEST_HANG_TIMEOUT  a test host that hangs this long is killed (default 20m)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TPPS_REPO_ROOT"

# The summary line is printed by the EXIT trap, after cleanup, so it is always last.
# Until the tests have run it honestly says that nothing passed.
FINAL_LINE="tests: 0 passed, 1 failed"
tmp=""
# shellcheck disable=SC2317  # called by the trap
finish() {
    local status=$?
    set +e
    if [[ -n $tmp ]]; then
        stop_cluster "$tmp/pgdata" >/dev/null 2>&1
        rm -rf "$tmp"
    fi
    echo "$FINAL_LINE"
    exit "$status"
}
trap finish EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

# 1. What the tests need from Debian.
ensure_packages postgresql chromium poppler-utils qpdf fonts-liberation2 fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji python3-aiosmtpd haproxy
require_dotnet

# 2. A throwaway cluster: fast and unsafe settings, trust auth on 127.0.0.1 only.
#    The folder must be reachable by user postgres when we are root.
tmp="$(mktemp -d /tmp/tpps-test.XXXXXX)"
chmod 755 "$tmp"
port="$(free_port "${TPPS_TEST_PORT:-55432}")" || die "no free port found from ${TPPS_TEST_PORT:-55432}"
for attempt in 1 2 3; do
    # Another run may grab the same port between the check and the start: try the next one.
    if PG_AUTH=trust start_cluster "$tmp/pgdata" "$port" "$tmp/socket" \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200; then
        break
    fi
    ((attempt < 3)) || die "could not start the test PostgreSQL cluster"
    port="$(free_port $((port + 1)))" || die "no free port found"
done
log "test PostgreSQL on 127.0.0.1:$port (data in $tmp/pgdata)"

export TPPS_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres"
export TPPS_ARTIFACTS="${TPPS_ARTIFACTS:-$TPPS_REPO_ROOT/artifacts}"
mkdir -p "$TPPS_ARTIFACTS"

# 3. Build once, then test without building again.
log "dotnet build TppsPortal.sln -c Release"
if ! dotnet build TppsPortal.sln -c Release --nologo -v minimal; then
    echo "error: the build failed; no tests were run" >&2
    exit 1
fi

# 4. Run the tests. Default TRX names (one file per test project, never overwritten).
results="$tmp/results"
mkdir -p "$results"
log "dotnet test TppsPortal.sln -c Release --no-build $*"
test_rc=0
dotnet test TppsPortal.sln -c Release --no-build --nologo \
    --results-directory "$results" --logger trx \
    --blame-hang-timeout "${TPPS_TEST_HANG_TIMEOUT:-20m}" --blame-hang-dump-type none \
    "$@" || test_rc=$?

# Keep the TRX files for inspection; the temp folder is deleted on exit.
rm -rf "$TPPS_ARTIFACTS/test-results"
mkdir -p "$TPPS_ARTIFACTS/test-results"
find "$results" -type f -name '*.trx' -exec cp {} "$TPPS_ARTIFACTS/test-results/" \;

# 5. Totals over all TRX files.
read -r passed failed skipped executed files <<<"$(trx_totals "$results")"
log "$files TRX file(s); dotnet test exit code $test_rc"
if ((executed == 0)); then
    echo "error: no tests ran" >&2
    failed=$((failed > 0 ? failed : 1))
elif ((test_rc != 0 && failed == 0)); then
    # e.g. a crashed or hung test host: its results are missing, so count the run as a failure.
    echo "error: dotnet test failed (exit code $test_rc) although no failed test was recorded" >&2
    failed=1
fi
FINAL_LINE="$(tests_line "$passed" "$failed" "$skipped")"
((failed == 0)) || exit 1
exit 0
