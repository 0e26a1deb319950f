#!/usr/bin/env bash
# Schema tooling. One source of truth: the EF model in Quantify.Web/Data.
#   database/migrations.sh add NAME   add a migration for BOTH providers, then regenerate the SQL Server script
#   database/migrations.sh script     regenerate database/sqlserver.sql (idempotent, from the SQL Server migrations)
#   database/migrations.sh check      fail if either provider has pending model changes or the script is stale
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
ef() { dotnet ef "$@" --project Quantify.Web --startup-project Quantify.Web --no-build; }
script() {
  ef migrations script --idempotent --context SqlServerQuantifyDbContext --output "$1" >/dev/null
  sed -i 's/\r$//' "$1"
}
case "${1:-}" in
  add)
    name="${2:?name}"
    dotnet build Quantify.Web -v q -nologo | { grep -E " error " || true; }
    ef migrations add "$name" --context SqliteQuantifyDbContext --output-dir Data/Migrations/Sqlite
    ef migrations add "$name" --context SqlServerQuantifyDbContext --output-dir Data/Migrations/SqlServer
    dotnet build Quantify.Web -v q -nologo | { grep -E " error " || true; }
    script database/sqlserver.sql ;;
  script)
    dotnet build Quantify.Web -v q -nologo | { grep -E " error " || true; }
    script database/sqlserver.sql ;;
  check)
    dotnet build Quantify.Web -v q -nologo | { grep -E " error " || true; }
    ef migrations has-pending-model-changes --context SqliteQuantifyDbContext
    ef migrations has-pending-model-changes --context SqlServerQuantifyDbContext
    tmp=$(mktemp); script "$tmp"
    if ! diff -q "$tmp" database/sqlserver.sql >/dev/null; then
      echo "database/sqlserver.sql is stale: run database/migrations.sh script" >&2; rm -f "$tmp"; exit 1
    fi
    rm -f "$tmp"; echo "Schema check passed: no pending model changes; database/sqlserver.sql is current." ;;
  *) sed -n '2,6p' "$0"; exit 2 ;;
esac
