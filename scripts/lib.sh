# shellcheck shell=bash
# Shared helpers for the TPPS Portal scripts. Source it; do not run it.
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The callers use `set -euo pipefail`; every function here is written for that.

# Repository root (this file lives in <repo>/scripts).
TPPS_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log()  { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [[ ${EUID:-$(id -u)} -eq 0 ]]; }

# ---------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------

# ensure_packages PKG... : install the packages that are not installed yet.
# Runs `apt-get update` at most once per script run, and only when something is missing.
ensure_packages() {
    local missing=() p
    if ! command -v dpkg-query >/dev/null 2>&1; then
        warn "not a Debian system: cannot check for packages $*; make sure they are installed"
        return 0
    fi
    for p in "$@"; do
        [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == "install ok installed" ]] \
            || missing+=("$p")
    done
    ((${#missing[@]} > 0)) || return 0

    local sudo=()
    if ! is_root; then
        command -v sudo >/dev/null 2>&1 \
            || die "missing packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})"
        sudo=(sudo)
    fi

    local out
    out="$(mktemp)"
    log "installing Debian packages: ${missing[*]}"
    if [[ -z ${_TPPS_APT_UPDATED:-} ]]; then
        if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$out" 2>&1; then
            cat "$out" >&2; rm -f "$out"; die "apt-get update failed"
        fi
        _TPPS_APT_UPDATED=1
    fi
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$out" 2>&1; then
        tail -n 30 "$out" >&2; rm -f "$out"; die "apt-get install ${missing[*]} failed"
    fi
    rm -f "$out"
}

# require_dotnet: the .NET SDK must be on PATH (it is not a Debian package).
require_dotnet() {
    command -v dotnet >/dev/null 2>&1 \
        || die "the .NET 10 SDK is not on PATH (see https://learn.microsoft.com/dotnet/core/install/linux-debian)"
}

# ---------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------

# port_in_use PORT : true when something listens on the TCP port.
port_in_use() {
    if command -v ss >/dev/null 2>&1; then
        [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

# free_port [START] : print the first free TCP port from START (default 55432) on.
free_port() {
    local p=${1:-55432} last=$(( ${1:-55432} + 500 ))
    while ((p < last)); do
        if ! port_in_use "$p"; then echo "$p"; return 0; fi
        p=$((p + 1))
    done
    return 1
}

# ---------------------------------------------------------------------------
# PostgreSQL clusters of our own (never the system cluster on 5432)
# ---------------------------------------------------------------------------

# pg_bin : folder of the PostgreSQL server binaries (15 preferred, else the highest present).
pg_bin() {
    if [[ -n ${TPPS_PG_BIN:-} ]]; then echo "$TPPS_PG_BIN"; return 0; fi
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return 0; fi
    local d
    d="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
    if [[ -z $d || ! -x $d/initdb ]]; then
        echo "error: PostgreSQL server binaries not found under /usr/lib/postgresql (install the 'postgresql' package)" >&2
        return 1
    fi
    echo "$d"
}

# pg_run CMD... : run a PostgreSQL server program. initdb refuses root, so as root
# it runs as user postgres (from /, so an unreachable working folder does not matter).
pg_run() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# run_data_dir : where the project's own (run) cluster and its secrets live.
run_data_dir() {
    if [[ -n ${TPPS_DATA_DIR:-} ]]; then
        echo "$TPPS_DATA_DIR"
    elif is_root; then
        echo /var/lib/tpps-portal
    else
        echo "${XDG_DATA_HOME:-$HOME/.local/share}/tpps-portal"
    fi
}

# cluster_password_file DATADIR : superuser password file of a scram cluster
# (mode 600, in the data folder's parent).
cluster_password_file() { echo "$(dirname "$(realpath -m "$1")")/postgres.password"; }

# random_secret : 48 hex characters from /dev/urandom (no pipe that can SIGPIPE).
random_secret() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }

# start_cluster DATADIR PORT SOCKETDIR [postgres options, e.g. -c fsync=off ...]
# Creates the cluster when DATADIR holds none, then starts it on 127.0.0.1:PORT with its
# unix socket in SOCKETDIR. Leaves a running cluster alone (fails if it runs on another port).
# Authentication comes from PG_AUTH:
#   PG_AUTH=scram (default): superuser `postgres` with a generated password, saved in
#                            $(cluster_password_file DATADIR), mode 600
#   PG_AUTH=trust          : no passwords, for throwaway test clusters only
# The superuser is always called `postgres`.
start_cluster() {
    (($# >= 3)) || die "usage: start_cluster DATADIR PORT SOCKETDIR [options]"
    local datadir port sockdir bin auth parent
    datadir="$(realpath -m "$1")"; port=$2; sockdir="$(realpath -m "$3")"; shift 3
    auth=${PG_AUTH:-scram}
    parent="$(dirname "$datadir")"
    bin="$(pg_bin)" || return 1
    [[ $auth == scram || $auth == trust ]] || die "PG_AUTH must be scram or trust, not '$auth'"

    if is_root; then
        id postgres >/dev/null 2>&1 || die "user 'postgres' does not exist (install the 'postgresql' package)"
    fi
    mkdir -p "$parent" "$sockdir"
    [[ -d $datadir ]] || mkdir -m 700 "$datadir"
    if is_root; then
        chown postgres:postgres "$datadir" "$sockdir"
        if ! pg_run test -w "$datadir" -a -w "$sockdir"; then
            die "user postgres cannot reach $datadir or $sockdir: every parent folder must be searchable by it (chmod o+x), e.g. use /var/lib/... or /tmp/..."
        fi
    fi

    # 1. Create the cluster once.
    if [[ ! -f $datadir/PG_VERSION ]]; then
        if [[ -n "$(ls -A "$datadir")" ]]; then
            die "$datadir is not empty but holds no PostgreSQL cluster; move it away first"
        fi
        local initdb_args=(-D "$datadir" -U postgres -E UTF8 --locale=C.UTF-8 --no-instructions)
        local pwfile=""
        if [[ $auth == scram ]]; then
            pwfile="$(cluster_password_file "$datadir")"
            if [[ ! -s $pwfile ]]; then
                (umask 077 && random_secret >"$pwfile")
            fi
            chmod 600 "$pwfile"
            if is_root; then chown postgres:postgres "$pwfile"; fi  # initdb (as postgres) reads it
            initdb_args+=(--auth=scram-sha-256 --pwfile="$pwfile")
        else
            initdb_args+=(--auth=trust)
        fi
        local out
        if ! out="$(pg_run "$bin/initdb" "${initdb_args[@]}" 2>&1)"; then
            printf '%s\n' "$out" >&2
            die "initdb failed for $datadir"
        fi
        # Only local connections: the unix socket and 127.0.0.1.
        local method=trust
        [[ $auth == scram ]] && method=scram-sha-256
        printf '# written by scripts/lib.sh\nlocal all all %s\nhost  all all 127.0.0.1/32 %s\n' \
            "$method" "$method" >"$datadir/pg_hba.conf"
        if is_root; then chown postgres:postgres "$datadir/pg_hba.conf"; fi
    fi

    # 2. Already running? Then leave it (but it must be on the port asked for).
    if pg_run "$bin/pg_ctl" status -D "$datadir" >/dev/null 2>&1; then
        local running_port
        running_port="$(sed -n 4p "$datadir/postmaster.pid" 2>/dev/null || true)"
        if [[ -n $running_port && $running_port != "$port" ]]; then
            die "the cluster in $datadir already runs on port $running_port, not $port; stop it first (scripts/stop.sh)"
        fi
        log "PostgreSQL cluster $datadir already running on port $port"
        return 0
    fi

    # 3. Start it: private port, socket folder, 127.0.0.1 only, plus the caller's options.
    local opts extra
    opts="-c listen_addresses=127.0.0.1 -p $port -k $(printf '%q' "$sockdir")"
    for extra in "$@"; do opts+=" $(printf '%q' "$extra")"; done
    if ! pg_run "$bin/pg_ctl" start -D "$datadir" -l "$datadir/server.log" -w -t 60 -s -o "$opts"; then
        echo "---- last lines of $datadir/server.log ----" >&2
        tail -n 20 "$datadir/server.log" >&2 || true
        echo "error: could not start PostgreSQL in $datadir on port $port" >&2
        return 1
    fi
}

# stop_cluster DATADIR : fast shutdown when it runs; does nothing otherwise.
stop_cluster() {
    local datadir bin
    datadir="$(realpath -m "$1")"
    [[ -f $datadir/PG_VERSION ]] || return 0
    bin="$(pg_bin)" || return 1
    if pg_run "$bin/pg_ctl" status -D "$datadir" >/dev/null 2>&1; then
        pg_run "$bin/pg_ctl" stop -D "$datadir" -m fast -w -t 60 -s
    fi
}

# ---------------------------------------------------------------------------
# Test results
# ---------------------------------------------------------------------------

# trx_attr COUNTERS_TAG NAME : a numeric attribute of a <Counters .../> tag (0 if absent).
trx_attr() {
    local v
    v="$(sed -n "s/.*[[:space:]]$2=\"\([0-9]*\)\".*/\1/p" <<<"$1")"
    echo "${v:-0}"
}

# trx_totals DIR : sum ResultSummary/Counters over every *.trx below DIR and print
#   "PASSED FAILED SKIPPED EXECUTED FILES"
# failed = failed + error + timeout + aborted; skipped = total - executed (xUnit's skipped
# tests are "NotExecuted" results, which the counters leave out of `executed`).
# A TRX file without counters counts as one failure. Plain bash, grep and sed.
trx_totals() {
    local dir=$1 f tag total executed
    local passed=0 failed=0 skipped=0 ran=0 files=0
    while IFS= read -r -d '' f; do
        files=$((files + 1))
        # Flatten newlines first: the tag's attributes may be spread over lines.
        tag="$(tr '\r\n' '  ' <"$f" | grep -o '<Counters[[:space:]][^>]*>' | head -n 1 || true)"
        if [[ -z $tag ]]; then
            warn "no result counters in $f"
            failed=$((failed + 1))
            continue
        fi
        total=$(trx_attr "$tag" total)
        executed=$(trx_attr "$tag" executed)
        passed=$((passed + $(trx_attr "$tag" passed)))
        failed=$((failed + $(trx_attr "$tag" failed) + $(trx_attr "$tag" error) \
                         + $(trx_attr "$tag" timeout) + $(trx_attr "$tag" aborted)))
        ran=$((ran + executed))
        ((total > executed)) && skipped=$((skipped + total - executed))
    done < <(find "$dir" -type f -name '*.trx' -print0 2>/dev/null)
    echo "$passed $failed $skipped $ran $files"
}

# tests_line PASSED FAILED SKIPPED : the one summary line CI reads.
tests_line() {
    local line="tests: $1 passed, $2 failed"
    (($3 > 0)) && line+=", $3 skipped"
    echo "$line"
}

# ---------------------------------------------------------------------------
# The portal process started by scripts/run.sh
# ---------------------------------------------------------------------------

# shellcheck disable=SC2034  # used by run.sh and stop.sh
TPPS_RUN_DIR="$TPPS_REPO_ROOT/.run"      # published app, logs, pid file

# portal_pid PIDFILE : print the pid when that process is alive and is the portal.
portal_pid() {
    local pid
    [[ -f $1 ]] || return 1
    pid="$(tr -dc 0-9 <"$1")"
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
    [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)" == *TppsPortal.Web* ]] || return 1
    echo "$pid"
}

# stop_portal PIDFILE : SIGTERM (graceful shutdown), SIGKILL after 30 s; removes the pid file.
# Returns 1 when no portal was running.
stop_portal() {
    local pid i
    if ! pid="$(portal_pid "$1")"; then
        rm -f "$1"
        return 1
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 30; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        warn "portal (pid $pid) did not stop within 30 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$1"
}
