#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests: 127.0.0.1 only, a free port, a temp
# data dir, trust auth, fsync off. Nothing outside its temp dir is touched.
#
# Usage:
#   eval "$(scripts/pg-cluster.sh start)"   # prints `export ...` lines (below)
#   scripts/pg-cluster.sh stop [DIR]        # DIR defaults to $PG_CLUSTER_DIR; stops and deletes it
#   scripts/pg-cluster.sh status [DIR]
#   scripts/pg-cluster.sh run -- CMD ARGS…  # start, run CMD with the env, always stop+delete
#
# `start` exports:
#   PG_CLUSTER_DIR     temp dir holding data/, the log and the unix socket
#   TEST_DATABASE_URL  postgres://test:test@127.0.0.1:PORT/postgres (superuser)
#   PGHOST=127.0.0.1 PGPORT PGUSER=test PGPASSWORD=test PGDATABASE=postgres
# A database named `test` (owned by the role `test`) is created as well.
#
# As root, initdb/pg_ctl run as the `postgres` system user via runuser
# (override with PG_CLUSTER_USER); the temp dir is chowned to that user.
# Env knobs: PG_CLUSTER_PORT (fixed port), PG_CLUSTER_TMP (parent dir, /tmp),
#            PG_CLUSTER_MAX_CONNECTIONS (default 200).
set -euo pipefail

log() { printf '[pg-cluster] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

ROLE=test
ROLE_PASSWORD=test
MARKER=.pg-cluster-throwaway

find_bindir() {
  local d best=""
  # Highest installed major version wins.
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && best="$d"
  done
  if [[ -z "$best" ]] && command -v pg_ctl >/dev/null 2>&1; then
    best="$(dirname "$(command -v pg_ctl)")"
  fi
  [[ -n "$best" ]] || die "no PostgreSQL server binaries found (run scripts/ensure-system-deps.sh)"
  printf '%s' "$best"
}

# Run a command as the cluster owner (root can't run initdb/postgres).
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd "$PG_DIR" && runuser -u "$OWNER" -- "$@")
  else
    (cd "$PG_DIR" && "$@")
  fi
}

free_port() {
  node -e '
    const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => console.log(p)); });
  '
}

cmd_start() {
  BIN=$(find_bindir)
  if [[ $(id -u) -eq 0 ]]; then
    OWNER=${PG_CLUSTER_USER:-postgres}
    if ! id -u "$OWNER" >/dev/null 2>&1; then
      log "creating system user $OWNER"
      useradd --system --no-create-home --shell /usr/sbin/nologin "$OWNER"
    fi
  else
    OWNER=$(id -un)
  fi

  local parent=${PG_CLUSTER_TMP:-/tmp}
  PG_DIR=$(mktemp -d "$parent/pg-test.XXXXXX")
  touch "$PG_DIR/$MARKER"
  # Clean up our own mess if anything below fails (set -e exits the script).
  START_OK=0
  trap 'if [[ $START_OK -ne 1 ]]; then log "start failed; removing $PG_DIR"; cmd_stop "$PG_DIR" >/dev/null 2>&1 || true; fi' EXIT
  [[ $(id -u) -eq 0 ]] && chown -R "$OWNER": "$PG_DIR"
  chmod 700 "$PG_DIR"

  local t0=$SECONDS
  as_owner "$BIN/initdb" -D "$PG_DIR/data" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; false; }

  local port attempt
  for attempt in 1 2 3 4 5; do
    port=${PG_CLUSTER_PORT:-$(free_port)}
    cat >"$PG_DIR/data/postgresql.auto.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PG_DIR'
max_connections = ${PG_CLUSTER_MAX_CONNECTIONS:-200}
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
logging_collector = off
log_min_messages = warning
timezone = 'UTC'
CONF
    [[ $(id -u) -eq 0 ]] && chown "$OWNER": "$PG_DIR/data/postgresql.auto.conf"
    if as_owner "$BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 -s start; then
      break
    fi
    [[ -n "${PG_CLUSTER_PORT:-}" || $attempt -eq 5 ]] && { tail -n 30 "$PG_DIR/postgres.log" >&2; false; }
    log "start on port $port failed (attempt $attempt), retrying on another port"
  done

  as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$port" -U postgres -d postgres <<SQL >/dev/null
CREATE ROLE "$ROLE" WITH LOGIN SUPERUSER PASSWORD '$ROLE_PASSWORD';
CREATE DATABASE "$ROLE" OWNER "$ROLE";
SQL
  START_OK=1
  trap - EXIT
  echo "$port" >"$PG_DIR/port"
  log "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') up on 127.0.0.1:$port in $((SECONDS - t0))s (dir $PG_DIR)"

  local url="postgres://$ROLE:$ROLE_PASSWORD@127.0.0.1:$port/postgres"
  cat <<ENV
export PG_CLUSTER_DIR='$PG_DIR'
export TEST_DATABASE_URL='$url'
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=$ROLE PGPASSWORD=$ROLE_PASSWORD PGDATABASE=postgres
ENV
}

cmd_stop() {
  local dir=${1:-${PG_CLUSTER_DIR:-}}
  [[ -n "$dir" ]] || die "stop: no dir given and PG_CLUSTER_DIR unset"
  [[ -d "$dir" ]] || { log "stop: $dir already gone"; return 0; }
  [[ -f "$dir/$MARKER" ]] || die "stop: $dir is not a pg-cluster.sh dir; refusing to delete it"
  PG_DIR=$dir
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    BIN=$(find_bindir)
    OWNER=$(stat -c %U "$dir/data")
    as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 -s stop 2>/dev/null || {
      # Last resort: kill the postmaster recorded in its own pid file.
      local pid; pid=$(head -1 "$dir/data/postmaster.pid" 2>/dev/null || true)
      [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null || true
    }
  fi
  rm -rf -- "$dir"
  log "stopped and removed $dir"
}

cmd_status() {
  local dir=${1:-${PG_CLUSTER_DIR:-}}
  [[ -n "$dir" && -d "$dir/data" ]] || { echo "no cluster"; return 3; }
  PG_DIR=$dir; BIN=$(find_bindir); OWNER=$(stat -c %U "$dir/data")
  as_owner "$BIN/pg_ctl" -D "$dir/data" status
}

cmd_run() {
  [[ "${1:-}" == "--" ]] && shift
  [[ $# -gt 0 ]] || die "run: no command given"
  local env_lines
  env_lines=$(cmd_start)
  eval "$env_lines"
  trap 'cmd_stop "$PG_CLUSTER_DIR"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  "$@"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  run) shift; cmd_run "$@" ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
