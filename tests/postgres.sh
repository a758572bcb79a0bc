#!/usr/bin/env bash
# Makes sure a local PostgreSQL 15 runs and has the role the tests use (creating databases of their own).
# Sourced by tests/run.sh; safe to run again and again.
set -euo pipefail

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "PostgreSQL is not installed: installing it with apt-get." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  as_root pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version *main .* online"; then
  as_root pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 60); do
  as_postgres psql -qtAc "SELECT 1" >/dev/null 2>&1 && break
  sleep 0.5
done

# Test clusters run side by side, each silo with a connection pool of its own.
if [ "$(as_postgres psql -qtAc 'SHOW max_connections')" -lt 500 ]; then
  as_postgres psql -qtAc "ALTER SYSTEM SET max_connections = 500" >/dev/null
  as_root pg_ctlcluster "$version" main restart
  for _ in $(seq 1 60); do
    as_postgres psql -qtAc "SELECT 1" >/dev/null 2>&1 && break
    sleep 0.5
  done
fi

as_postgres psql -qtA <<'SQL' >/dev/null
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'flashsale') THEN
    CREATE ROLE flashsale LOGIN CREATEDB PASSWORD 'flashsale';
  END IF;
END
$$;
-- Dropping a test database with (FORCE) ends whatever still uses it, such as an autovacuum worker.
GRANT pg_signal_backend TO flashsale;
SQL
# Leftovers of interrupted runs: test databases are named flashsale_test_<unix seconds>_<id>; those of the last
# two hours may belong to a run still going on this machine and are left alone.
now=$(date +%s)
for db in $(as_postgres psql -qtAc "SELECT datname FROM pg_database WHERE datname LIKE 'flashsale_test_%'"); do
  created=$(sed -n 's/^flashsale_test_\([0-9]\{10\}\)_.*/\1/p' <<<"$db")
  if [ -n "$created" ] && [ $((now - created)) -lt 7200 ]; then continue; fi
  as_postgres psql -qtAc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
done
echo "PostgreSQL $version is running on 127.0.0.1:5432 (role flashsale)." >&2
