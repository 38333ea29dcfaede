#!/usr/bin/env bash
# Stop what scripts/run.sh started: the portal (by its pid file) and the project's own
# PostgreSQL cluster. Safe to run any number of times.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TPPS_REPO_ROOT"

if stop_portal "$TPPS_RUN_DIR/portal.pid"; then
    log "portal stopped"
else
    log "portal was not running"
fi

DATA_DIR="$(run_data_dir)"
if [[ -f $DATA_DIR/pgdata/PG_VERSION ]]; then
    stop_cluster "$DATA_DIR/pgdata"
    log "PostgreSQL cluster in $DATA_DIR/pgdata is stopped (data kept; delete $DATA_DIR to start afresh)"
else
    log "no PostgreSQL cluster in $DATA_DIR/pgdata"
fi
