#!/usr/bin/env bash
# The test command. On a fresh machine it installs what the tests need (Debian packages, the dotnet-ef tool),
# builds, runs every test, and ends with one line: "N passed, N failed".
#   ./test.sh                 everything
#   ./test.sh --filter EXPR   a subset (dotnet test --filter syntax)
set -uo pipefail
cd "$(dirname "$0")"

need=()
for pkg in chromium fonts-dejavu-core mosquitto mosquitto-clients mbpoll poppler-utils sqlite3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "Could not install ${need[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi
# mosquitto is installed for the broker tests, which start their own instance; the packaged service is not needed.
command -v systemctl >/dev/null 2>&1 && systemctl stop mosquitto >/dev/null 2>&1 || true

# The OpenAPI lint test runs the pinned @redocly/cli from tools/redocly (package-lock.json); installed once, skipped
# when the installed version already matches the lock.
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null \
    || { echo "Could not install nodejs/npm"; echo "0 passed, 1 failed"; exit 1; }
fi
redocly_want=$(node -p "require('./tools/redocly/package-lock.json').packages['node_modules/@redocly/cli'].version")
redocly_have=$(node -p "try { require('./tools/redocly/node_modules/@redocly/cli/package.json').version } catch { '' }")
if [ "$redocly_want" != "$redocly_have" ]; then
  (cd tools/redocly && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "Could not install @redocly/cli $redocly_want"; echo "0 passed, 1 failed"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p artifacts
dotnet tool restore >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
if ! dotnet build Quantify.sln -c Release -nologo -v q >artifacts/build.log 2>&1; then
  grep -E " error " artifacts/build.log | sort -u | head -40
  echo "Build failed."; echo "0 passed, 1 failed"; exit 1
fi

results="artifacts/test-results"
rm -rf "$results"
filter=()
[ "${1:-}" = "--filter" ] && filter=(--filter "$2")
dotnet test Quantify.Tests/Quantify.Tests.csproj -c Release --no-build --nologo "${filter[@]}" \
  --logger "trx;LogFileName=results.trx" --results-directory "$results" --logger "console;verbosity=normal" 2>&1 | tee artifacts/test-output.log
status=${PIPESTATUS[0]}

trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -z "$trx" ]; then echo "No test results were written."; echo "0 passed, 1 failed"; exit 1; fi
passed=$(grep -o 'passed="[0-9]*"' "$trx" | head -n1 | grep -o '[0-9]*')
failed=$(grep -o 'failed="[0-9]*"' "$trx" | head -n1 | grep -o '[0-9]*')
total=$(grep -o 'total="[0-9]*"' "$trx" | head -n1 | grep -o '[0-9]*')
executed=$(grep -o 'executed="[0-9]*"' "$trx" | head -n1 | grep -o '[0-9]*')
notrun=$(( ${total:-0} - ${executed:-0} ))
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
if [ "$notrun" -gt 0 ]; then echo "$notrun test(s) did not run."; fi
echo "${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ] && [ "${passed:-0}" -gt 0 ]
