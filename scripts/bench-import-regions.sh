#!/usr/bin/env bash
# Benchmark: import the national Kepmendagri list (91,599 rows) with the portal's own importer
# (the same code path as the admin page and the import-regions verb) into a fresh database on a
# throwaway cluster. Three runs: a fresh import, an idempotent re-import, and a re-import after
# renaming 1,000 regions. Prints the importer's own elapsed time for each (process start excluded).
#   scripts/bench-import-regions.sh [FILE]   (default ../shared/data/wilayah-kepmendagri-2025.csv)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TPPS_REPO_ROOT"

file="$(realpath "${1:-../shared/data/wilayah-kepmendagri-2025.csv}")"
[[ -f $file ]] || die "no such file: $file"
ensure_packages postgresql
require_dotnet

tmp="$(mktemp -d /tmp/tpps-bench.XXXXXX)"
chmod 755 "$tmp"
cleanup() { stop_cluster "$tmp/pgdata" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT
port="$(free_port 56432)"
PG_AUTH=trust start_cluster "$tmp/pgdata" "$port" "$tmp/socket" >/dev/null
"$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE tpps_bench"

log "dotnet build -c Release"
dotnet build src/TppsPortal.Web -c Release --nologo -v quiet >/dev/null
app="src/TppsPortal.Web/bin/Release/net10.0/linux-x64/TppsPortal.Web.dll"
export ConnectionStrings__Tpps="Host=127.0.0.1;Port=$port;Database=tpps_bench;Username=postgres"
export ASPNETCORE_ENVIRONMENT=Production Serilog__WriteTo__1__Name=Console

dotnet "$app" migrate >/dev/null
renamed="$tmp/renamed.csv"
# The same file with 1,000 desa renamed.
awk -F, 'NR>1 && NF==2 && $1 ~ /^[0-9.]+$/ && length($1)==13 && n<1000 {sub(/\r$/, "", $2); print $1 "," $2 " Baru"; n++; next} {print}' "$file" >"$renamed"

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
for run in "fresh:$file" "again:$file" "renamed:$renamed"; do
    name="${run%%:*}"; input="${run#*:}"
    line="$(dotnet "$app" import-regions "$input" | tail -n 1)"
    echo "$name: $line"
done
