#!/usr/bin/env bash
# Regenerates the C# API client the tests use (Quantify.Tests/Api/Client) from the running app's /openapi/v1.json with the
# pinned Kiota (dotnet-tools.json). It runs the freshness test with QUANTIFY_UPDATE_API_CLIENT=1, which starts the app the
# way the tests do, generates offline into a temp folder and copies the result over the committed client.
# Run it after changing any /api endpoint, then commit Quantify.Tests/Api/Client.
set -euo pipefail
cd "$(dirname "$0")/../.."
export QUANTIFY_UPDATE_API_CLIENT=1
./test.sh --filter "FullyQualifiedName~GeneratedApiClientTests.TheCommittedClient_IsWhatKiotaGeneratesFromTheCurrentDocument"
git status --short Quantify.Tests/Api/Client
