#!/usr/bin/env bash
# Quick-start *run* command: the portal in demo mode on http://localhost:5080, with its own
# PostgreSQL cluster on 127.0.0.1:5433 (never the system cluster on 5432).
#   scripts/run.sh     start (or restart with a fresh build)
#   scripts/stop.sh    stop the portal and the cluster
# Environment:
#   TPPS_PG_PORT        port of the project's cluster (default 5433)
#   TPPS_HTTP_PORT      port of the portal (default 5080)
#   TPPS_DEMO_PASSWORD  password of the demo accounts (default DemoTpps2024)
#   TPPS_DATA_DIR       cluster and password files (default /var/lib/tpps-portal as root,
#                       else ${XDG_DATA_HOME:-~/.local/share}/tpps-portal)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TPPS_REPO_ROOT"

PG_PORT="${TPPS_PG_PORT:-5433}"
HTTP_PORT="${TPPS_HTTP_PORT:-5080}"
DEMO_PASSWORD="${TPPS_DEMO_PASSWORD:-DemoTpps2024}"
DATA_DIR="$(run_data_dir)"
APP_DIR="$TPPS_RUN_DIR/app"
PID_FILE="$TPPS_RUN_DIR/portal.pid"
LOG_FILE="$TPPS_RUN_DIR/portal.log"
SETUP_LOG="$TPPS_RUN_DIR/setup.log"
URL="http://localhost:$HTTP_PORT"

# fail_with_log FILE MESSAGE : show the end of a log, then stop with a message.
fail_with_log() {
    echo "---- last lines of $1 ----" >&2
    tail -n 40 "$1" >&2 || true
    echo "----" >&2
    die "$2"
}

# 1. Prerequisites.
ensure_packages postgresql fonts-liberation2 fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji curl
require_dotnet
mkdir -p "$TPPS_RUN_DIR"
: >"$SETUP_LOG"

# 2. The project's own cluster (scram; the superuser password is in postgres.password).
log "PostgreSQL cluster in $DATA_DIR/pgdata on 127.0.0.1:$PG_PORT"
if port_in_use "$PG_PORT" && ! [[ -f $DATA_DIR/pgdata/postmaster.pid ]]; then
    die "port $PG_PORT is taken by another program; choose another one with TPPS_PG_PORT=..."
fi
PG_AUTH=scram start_cluster "$DATA_DIR/pgdata" "$PG_PORT" "$DATA_DIR/socket"

# 3. Role and database `tpps` (the app's own login, not a superuser). Its password is
#    generated once and kept in tpps.password (mode 600) beside the cluster.
PSQL="$(pg_bin)/psql"
SU_PASSWORD="$(cat "$(cluster_password_file "$DATA_DIR/pgdata")")"
APP_PASSWORD_FILE="$DATA_DIR/tpps.password"
if [[ ! -s $APP_PASSWORD_FILE ]]; then
    (umask 077 && random_secret >"$APP_PASSWORD_FILE")
fi
chmod 600 "$APP_PASSWORD_FILE"
APP_PASSWORD="$(cat "$APP_PASSWORD_FILE")"

log "role and database tpps"
if ! PGPASSWORD="$SU_PASSWORD" "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
        -X -q -v ON_ERROR_STOP=1 -v pw="$APP_PASSWORD" >>"$SETUP_LOG" 2>&1 <<'SQL'
SELECT format('CREATE ROLE tpps LOGIN PASSWORD %L', :'pw')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tpps')
\gexec
SELECT format('ALTER ROLE tpps LOGIN PASSWORD %L', :'pw')
\gexec
SELECT 'CREATE DATABASE tpps OWNER tpps ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'tpps')
\gexec
SQL
then
    fail_with_log "$SETUP_LOG" "could not create role/database tpps on port $PG_PORT"
fi

# 4. Publish into a fresh folder while any running portal keeps serving.
log "dotnet publish src/TppsPortal.Web -c Release (quiet; log in $SETUP_LOG)"
rm -rf "$TPPS_RUN_DIR/app.new"
if ! dotnet publish src/TppsPortal.Web/TppsPortal.Web.csproj -c Release -o "$TPPS_RUN_DIR/app.new" \
        --nologo -v quiet >>"$SETUP_LOG" 2>&1; then
    fail_with_log "$SETUP_LOG" "dotnet publish failed"
fi
[[ -f $TPPS_RUN_DIR/app.new/TppsPortal.Web.dll ]] \
    || fail_with_log "$SETUP_LOG" "publish output has no TppsPortal.Web.dll"

# 5. Already running? Restart it with the new build.
if old_pid="$(portal_pid "$PID_FILE")"; then
    log "the portal is already running (pid $old_pid): restarting it with the fresh build"
    stop_portal "$PID_FILE" || true
fi
if port_in_use "$HTTP_PORT"; then
    die "port $HTTP_PORT is in use by another program (not started by scripts/run.sh); stop it or set TPPS_HTTP_PORT"
fi

# Swap in the new build; keep the Serilog files (logs/ is relative to the app folder).
if [[ -d $APP_DIR/logs ]]; then mv "$APP_DIR/logs" "$TPPS_RUN_DIR/app.new/logs"; fi
rm -rf "$APP_DIR"
mv "$TPPS_RUN_DIR/app.new" "$APP_DIR"

# 6. Configuration for the migrate/seed verbs and the server.
export ConnectionStrings__Tpps="Host=127.0.0.1;Port=$PG_PORT;Database=tpps;Username=tpps;Password=$APP_PASSWORD"
export ASPNETCORE_ENVIRONMENT=Production
export ASPNETCORE_URLS="$URL"
export Tpps__DemoMode=true
export Tpps__DemoPassword="$DEMO_PASSWORD"
export Tpps__MigrateOnStartup=false      # migrated explicitly just below

# run_verb VERB... : run a command-line verb of the app from the app folder.
run_verb() {
    log "TppsPortal.Web $*"
    echo "---- $* ----" >>"$SETUP_LOG"
    if ! (cd "$APP_DIR" && dotnet TppsPortal.Web.dll "$@") >>"$SETUP_LOG" 2>&1; then
        fail_with_log "$SETUP_LOG" "'$*' failed"
    fi
}
run_verb migrate
run_verb seed-demo

# 7. Start the server in the background.
log "starting the portal on $URL (log: $LOG_FILE)"
printf '\n==== scripts/run.sh %s ====\n' "$(date '+%F %T')" >>"$LOG_FILE"
(cd "$APP_DIR" && exec nohup dotnet TppsPortal.Web.dll >>"$LOG_FILE" 2>&1 </dev/null) &
portal=$!
echo "$portal" >"$PID_FILE"

# 8. Wait up to 60 s for /health/ready (database reachable).
ready=""
for ((i = 0; i < 60; i++)); do
    if ! kill -0 "$portal" 2>/dev/null; then
        rm -f "$PID_FILE"
        fail_with_log "$LOG_FILE" "the portal exited during startup"
    fi
    if curl -fsS -o /dev/null --max-time 2 "$URL/health/ready" 2>/dev/null; then
        ready=1
        break
    fi
    sleep 1
done
if [[ -z $ready ]]; then
    stop_portal "$PID_FILE" || true
    fail_with_log "$LOG_FILE" "the portal did not become ready within 60 s (it was stopped)"
fi

# 9. How to use it.
cat <<EOF

TPPS Portal is running (demo mode): $URL
  pid $portal, log $LOG_FILE (Serilog files in $APP_DIR/logs)
  database: tpps on 127.0.0.1:$PG_PORT, password of role tpps in $APP_PASSWORD_FILE

Demo accounts (password for all: $DEMO_PASSWORD)
  admin.sistem       Admin Sistem: seluruh wilayah, pengguna, dan pengaturan (tanpa batas wilayah)
  admin.lutim        Admin Sekretariat TPPS Kabupaten Luwu Timur: kelola data dan pengguna kabupaten
  admin.soppeng      Admin Sekretariat TPPS Kabupaten Soppeng: kelola data dan pengguna kabupaten
  pimpinan.lutim     Pimpinan TPPS Luwu Timur: dasbor dan laporan se-kabupaten (hanya melihat)
  camat.malili       Camat / Operator Kecamatan Malili (Luwu Timur): data kecamatan sendiri
  camat.lalabata     Camat / Operator Kecamatan Lalabata (Soppeng): data kecamatan sendiri
  opd.dp2kb.lutim    Operator OPD DP2KB Luwu Timur: data dan kegiatan dinas sendiri
  pemantau.sulsel    Pemantau Provinsi Sulawesi Selatan: rekap semua kabupaten (hanya melihat)

Stop everything with: scripts/stop.sh
EOF
