#!/usr/bin/env bash
# Mutation testing with Stryker.NET (a local dotnet tool pinned in dotnet-tools.json). Not part of ./test.sh: too slow for CI.
#   mutation/run.sh domain     Quantify.Domain against the Domain and Arrears tests
#   mutation/run.sh ledger     Quantify.Web Features/Ledger against the Ledger tests
#   mutation/run.sh security   Quantify.Web Security/ScopeService.cs (and ReportAccess) against the scope tests
#   mutation/run.sh payments   Quantify.Web Features/Payments (PayFast signature, ITN checks, EFT) against the Payments tests
#   mutation/run.sh engine     Quantify.Web Features/Ingestion/Engine (SQL text, SQLite binding, kept statements) against the engine tests
#   mutation/run.sh batching   Quantify.Ingestion Pipeline/BatchingSink.cs (when a batch closes, who is acknowledged) against its tests
#   mutation/run.sh checkpoint Quantify.Web Data/SqliteCheckpointer.cs (background WAL checkpoints) against its tests
#   mutation/run.sh money      Quantify.Domain money rules (Tariffs, CreditPolicy, Money, calendar, allocation, hashes) against Domain + Ledger tests
#   mutation/run.sh rules      the Domain rules target: money rules + ledger posting rules (Postings, AccountCode, PostingRequest),
#                              against the Domain tests only (pure, fast); --mutate narrows it to a file
# Extra arguments go to Stryker (e.g. --mutate, --since). Reports land in Quantify.Tests/StrykerOutput/<date>/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: mutation/run.sh domain|rules|ledger|security|payments|engine|batching|checkpoint|money [stryker args]}"; shift
config="$PWD/mutation/$name.json"
[ -f "$config" ] || { echo "No config $config"; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
cd Quantify.Tests
exec dotnet dotnet-stryker --config-file "$config" "$@"
