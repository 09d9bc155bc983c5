#!/usr/bin/env bash
# Rule-set checks on the shipped seed cases (issue #5), run by .ci/run after `dotnet test` built the
# solution: every case's expect block holds, and every rule fires on some case (coverage 100%).
# Exit codes come from the CLI: 2 invalid input, 3 a failed expectation or coverage under --min.
set -euo pipefail
cd "$(dirname "$0")/.."

cli=(dotnet run --project src/OligoDecide.Cli --no-build --)
"${cli[@]}" test seeds/patients
"${cli[@]}" coverage seeds/patients --min 100 >/dev/null
echo "ci-rules: seed expectations hold and every rule fires"
