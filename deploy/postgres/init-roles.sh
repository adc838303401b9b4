#!/usr/bin/env bash
# Creates the portal's database roles and database.
#
# Mounted into /docker-entrypoint-initdb.d/ of the postgres:16 container, so it
# runs once, as the superuser, when the data volume is first initialised (it
# does NOT run again on an existing volume). It is idempotent, so it can also
# be re-run by hand to reset passwords/attributes (after `docker compose up -d
# postgres` has given the container the new values from .env):
#
#   docker compose exec -T postgres bash < deploy/postgres/init-roles.sh
#
# Roles:
#   portal_owner     owns database "portal" and the schema objects; runs migrations
#   portal_app       what the web app connects as; subject to row-level security
#   portal_platform  cross-tenant platform jobs; bypasses row-level security
#
# Passwords come from the environment and are passed to psql as variables
# (quoted with :'var'), never pasted into SQL text by the shell.
set -euo pipefail

: "${PORTAL_OWNER_PASSWORD:?PORTAL_OWNER_PASSWORD must be set}"
: "${PORTAL_APP_PASSWORD:?PORTAL_APP_PASSWORD must be set}"
: "${PORTAL_PLATFORM_PASSWORD:?PORTAL_PLATFORM_PASSWORD must be set}"

PORTAL_DB="${PORTAL_DB:-portal}"
SUPERUSER="${POSTGRES_USER:-postgres}"

psql_super() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$SUPERUSER" "$@"
}

echo "init-roles: creating roles and database '$PORTAL_DB'"

# 1. Roles and database (run in the maintenance database).
psql_super --dbname "${POSTGRES_DB:-postgres}" \
  -v db="$PORTAL_DB" \
  -v owner_pw="$PORTAL_OWNER_PASSWORD" \
  -v app_pw="$PORTAL_APP_PASSWORD" \
  -v platform_pw="$PORTAL_PLATFORM_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE portal_owner'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_owner') \gexec
SELECT 'CREATE ROLE portal_app'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_app') \gexec
SELECT 'CREATE ROLE portal_platform'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_platform') \gexec

-- Attributes are (re)applied every run so the script also repairs drift.
ALTER ROLE portal_owner    WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_pw';
ALTER ROLE portal_app      WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_pw';
ALTER ROLE portal_platform WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION BYPASSRLS   PASSWORD :'platform_pw';

-- The platform role's units of work inside one council take the app role
-- (SET LOCAL ROLE portal_app), so row-level security applies to them too.
GRANT portal_app TO portal_platform;

SELECT format('CREATE DATABASE %I OWNER portal_owner ENCODING %L TEMPLATE template0', :'db', 'UTF8')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO portal_owner', :'db') \gexec

-- Only the three portal roles may connect.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO portal_owner, portal_app, portal_platform', :'db') \gexec
SQL

# 2. Schema privileges (must run inside the portal database).
psql_super --dbname "$PORTAL_DB" <<'SQL'
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT CREATE, USAGE ON SCHEMA public TO portal_owner;
GRANT USAGE ON SCHEMA public TO portal_app, portal_platform;
SQL

# Table/sequence privileges for portal_app and portal_platform are granted by
# the migrations (run as portal_owner), next to the tables and RLS policies.
echo "init-roles: done"
