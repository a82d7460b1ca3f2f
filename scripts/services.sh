#!/usr/bin/env bash
# Starts (or stops) a throw-away Redis and PostgreSQL on loopback for the test suite and prints
# the URLs as shell exports:  eval "$(scripts/services.sh start)"  …  scripts/services.sh stop
set -euo pipefail
state=${TEST_SERVICES_DIR:-/tmp/authy-dashboard-test-services}
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start() {
  stop >/dev/null 2>&1 || true
  mkdir -p "$state"
  local rport pport pgbin
  rport=$(free_port)
  redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$state/redis.pid" --logfile "$state/redis.log" >/dev/null
  pport=$(free_port)
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  mkdir -p "$state/pg"
  [ "$(id -u)" = 0 ] && chown -R postgres "$state/pg"
  as_postgres "$pgbin/initdb" -D "$state/pg/data" -A trust -U postgres >/dev/null
  as_postgres "$pgbin/pg_ctl" -D "$state/pg/data" -l "$state/pg/log" -w \
    -o "-p $pport -k $state/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  echo "$pgbin" > "$state/pgbin"
  for _ in $(seq 1 50); do redis-cli -p "$rport" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "export TEST_REDIS_URL=redis://127.0.0.1:$rport"
  echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$pport/postgres"
}

stop() {
  [ -f "$state/redis.pid" ] && kill "$(cat "$state/redis.pid")" 2>/dev/null || true
  if [ -f "$state/pgbin" ] && [ -d "$state/pg/data" ]; then
    as_postgres "$(cat "$state/pgbin")/pg_ctl" -D "$state/pg/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
