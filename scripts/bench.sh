#!/usr/bin/env bash
# Benchmarks of the issues' speed targets (measured, never asserted in tests). Results go to stdout;
# docs/benchmarks.md records them. Uses a throwaway PostgreSQL cluster with the default, durable settings
# (fsync on), unlike the test cluster.
#   scripts/bench.sh [minutes|camat-form|regions|dashboard|dhis2|api|reminders|field|signin|load|all]   (default all; load only by name)
#   scripts/bench.sh dhis2 [--months N] [--iterations N]
#     issue 17: the DHIS2 export of the largest district's latest month at national scale (cold, warm median and p95)
#   scripts/bench.sh api [--months N] [--iterations N] [--keep] [--reuse DB]
#     issue 17: GET /api/v1/village-reports, a page of 1,000 village rows of one district-month at national scale
#   scripts/bench.sh reminders [--iterations N]
#     issue 15: the daily reminder check over every district (time to find and enqueue every due reminder)
#   scripts/bench.sh signin [--iterations N]
#     issue 12: median time of a wrong password for an unknown and for a real user name, over HTTP to the published portal
#   scripts/bench.sh field [--tries N] [--outages 5,30,180,600] [--parallel N] [--parts bytes,timing,keys,loss|outages] [--max-minutes M]
#     the camat form on a weak network (issue 11): the published portal behind a cuttable relay, Chromium with
#     CDP throttling. Full run: scripts/bench.sh field --tries 20 --outages 5,30,180,600 --max-minutes 240
#   scripts/bench.sh load [--sessions 100,500,1000] [--interactions 300] [--settle S] [--hold S] [--env KEY=VALUE]... [--label TEXT]
#     issue 18: N open Blazor Server sessions (half camat form, half dashboard) from a headless SignalR client against the
#     published portal: its memory (RSS) and keystroke -> saved, filter -> rendered latencies while all stay open
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TPPS_REPO_ROOT"

what="${1:-all}"
ensure_packages postgresql chromium fonts-liberation2 fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji
require_dotnet

tmp="$(mktemp -d /tmp/tpps-bench.XXXXXX)"
chmod 755 "$tmp"
cleanup() { stop_cluster "$tmp/pgdata" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT
port="$(free_port 57432)"
PG_AUTH=trust start_cluster "$tmp/pgdata" "$port" "$tmp/socket" >/dev/null
export TPPS_BENCH_PG="Host=127.0.0.1;Port=$port;Username=postgres"

log "dotnet build benchmarks -c Release"
dotnet build benchmarks/TppsPortal.Benchmarks -c Release --nologo -v quiet >/dev/null
bench="benchmarks/TppsPortal.Benchmarks/bin/Release/net10.0/linux-x64/TppsPortal.Benchmarks.dll"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $what == all || $what == minutes ]]; then dotnet "$bench" minutes; fi
if [[ $what == all || $what == camat-form ]]; then dotnet "$bench" camat-form; fi
if [[ $what == all || $what == dashboard ]]; then dotnet "$bench" dashboard --regions ../shared/data/wilayah-kepmendagri-2025.csv; fi
if [[ $what == all || $what == dhis2 ]]; then
    dhis2_args=()
    if [[ $what == dhis2 ]]; then dhis2_args=("${@:2}"); fi
    dotnet "$bench" dhis2 --regions ../shared/data/wilayah-kepmendagri-2025.csv "${dhis2_args[@]}"
fi
if [[ $what == all || $what == api ]]; then
    api_args=()
    if [[ $what == api ]]; then api_args=("${@:2}"); fi
    dotnet "$bench" api --regions ../shared/data/wilayah-kepmendagri-2025.csv "${api_args[@]}"
fi
if [[ $what == all || $what == reminders ]]; then
    reminder_args=()
    if [[ $what == reminders ]]; then reminder_args=("${@:2}"); fi
    dotnet "$bench" reminders --regions ../shared/data/wilayah-kepmendagri-2025.csv "${reminder_args[@]}"
fi
if [[ $what == all || $what == field ]]; then
    log "dotnet publish src/TppsPortal.Web -c Release (the field benchmark runs the published portal)"
    dotnet publish src/TppsPortal.Web/TppsPortal.Web.csproj -c Release -o "$tmp/portal" --nologo -v quiet >/dev/null
    shift || true
    dotnet "$bench" field --portal "$tmp/portal/TppsPortal.Web.dll" "$@"
fi
if [[ $what == load ]]; then
    # Not part of 'all': it holds up to 1,000 sessions for several minutes.
    log "dotnet publish src/TppsPortal.Web -c Release (the load benchmark runs the published portal)"
    dotnet publish src/TppsPortal.Web/TppsPortal.Web.csproj -c Release -o "$tmp/portal-load" --nologo -v quiet >/dev/null
    dotnet "$bench" load --portal "$tmp/portal-load/TppsPortal.Web.dll" "${@:2}"
fi
if [[ $what == all || $what == signin ]]; then
    log "dotnet publish src/TppsPortal.Web -c Release (the sign-in benchmark runs the published portal)"
    dotnet publish src/TppsPortal.Web/TppsPortal.Web.csproj -c Release -o "$tmp/portal-signin" --nologo -v quiet >/dev/null
    signin_args=()
    if [[ $what == signin ]]; then signin_args=("${@:2}"); fi
    dotnet "$bench" signin --portal "$tmp/portal-signin/TppsPortal.Web.dll" "${signin_args[@]}"
fi
if [[ $what == all || $what == regions ]]; then
    csv="../shared/data/wilayah-kepmendagri-2025.csv"
    if [[ -f $csv ]]; then scripts/bench-import-regions.sh "$csv"; else warn "no $csv: region import benchmark skipped"; fi
fi
