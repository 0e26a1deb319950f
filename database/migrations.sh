#!/usr/bin/env bash
# Schema tooling. One source of truth: the EF model in Quantify.Web/Data; hand-written SQL in Quantify.Web/Data/Sql.
#   database/migrations.sh baseline     regenerate the one baseline migration per provider from the model, then the script
#   database/migrations.sh add NAME     add a migration for BOTH providers (after a first release), then the script
#   database/migrations.sh script       regenerate database/sqlserver.sql (idempotent, from the SQL Server migrations)
#   database/migrations.sh check        fail if either provider has pending model changes or the script is stale
# Until a database is deployed the product keeps a single Baseline per provider (docs/decisions/0009-one-baseline.md):
# a model change is followed by `baseline`, not `add`.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
ef() { dotnet ef "$@" --project Quantify.Web --startup-project Quantify.Web --no-build; }
build() { dotnet build Quantify.Web -v q -nologo | { grep -E " error " || true; }; }
script() {
  ef migrations script --idempotent --context SqlServerQuantifyDbContext --output "$1" >/dev/null
  sed -i 's/\r$//' "$1"
}
# The SQL Server baseline ends by applying the hand-written scripts (triggers) from Data/Sql/SqlServer.
apply_scripts() {
  local file
  file=$(ls Quantify.Web/Data/Migrations/SqlServer/*_Baseline.cs | grep -v Designer)
  python3 - "$file" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8-sig").read()
marker = "        /// <inheritdoc />\n        protected override void Down"
call = ("\n            // Triggers and guards: Data/Sql/SqlServer/*.sql, declared in the model with HasTrigger.\n"
        "            migrationBuilder.ApplySqlServerScripts();\n")
head, tail = s.split(marker, 1)
head = head.rstrip()
assert head.endswith("}"), "unexpected Up() layout"
head = head[:-1].rstrip() + "\n" + call + "        }\n\n"
s = head + marker + tail
s = s.replace("using Microsoft.EntityFrameworkCore.Migrations;", "using Microsoft.EntityFrameworkCore.Migrations;\nusing Quantify.Web.Data.Sql;", 1)
open(p, "w", encoding="utf-8").write(s)
PY
}
case "${1:-}" in
  baseline)
    rm -rf Quantify.Web/Data/Migrations/Sqlite Quantify.Web/Data/Migrations/SqlServer
    build
    ef migrations add Baseline --context SqliteQuantifyDbContext --output-dir Data/Migrations/Sqlite
    ef migrations add Baseline --context SqlServerQuantifyDbContext --output-dir Data/Migrations/SqlServer
    apply_scripts
    build
    script database/sqlserver.sql ;;
  add)
    name="${2:?name}"
    build
    ef migrations add "$name" --context SqliteQuantifyDbContext --output-dir Data/Migrations/Sqlite
    ef migrations add "$name" --context SqlServerQuantifyDbContext --output-dir Data/Migrations/SqlServer
    build
    script database/sqlserver.sql ;;
  script)
    build
    script database/sqlserver.sql ;;
  check)
    build
    ef migrations has-pending-model-changes --context SqliteQuantifyDbContext
    ef migrations has-pending-model-changes --context SqlServerQuantifyDbContext
    tmp=$(mktemp); script "$tmp"
    if ! diff -q "$tmp" database/sqlserver.sql >/dev/null; then
      echo "database/sqlserver.sql is stale: run database/migrations.sh script" >&2; rm -f "$tmp"; exit 1
    fi
    rm -f "$tmp"; echo "Schema check passed: no pending model changes; database/sqlserver.sql is current." ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
