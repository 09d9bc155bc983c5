#!/usr/bin/env bash
# Publishes the CDS Hooks host (the output deploy/Dockerfile copies into the image), starts it with the
# documented environment (docs/deployment.md) and checks that /health/live and /health/ready answer,
# ready naming the rule set and its sha256. No container image is built: no base image can be pulled here.
# Used by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT

dotnet publish "$root/src/OligoDecide.CdsHooks/OligoDecide.CdsHooks.csproj" -c Release -o "$tmp/app" --nologo -v quiet
port=$(( 20000 + RANDOM % 20000 ))

# The documented environment; an inline JWK Set stands in for the EHR's key URL (JwksUrl).
export ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production
export CdsHooks__Audience="https://cds.example.org/cds-services"
export CdsHooks__TrustedClients__0__Issuer="https://ehr.example.org"
# A fresh RSA public key as the JWK Set (no private key is kept: nothing here signs a token).
modulus=$(openssl genrsa 2048 2>/dev/null | openssl rsa -modulus -noout 2>/dev/null | cut -d= -f2 | xxd -r -p | base64 -w0 | tr '+/' '-_' | tr -d '=')
export CdsHooks__TrustedClients__0__Jwks="{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"alg\":\"RS384\",\"use\":\"sig\",\"n\":\"$modulus\",\"e\":\"AQAB\"}]}"
export CdsHooks__RulesDirectory="$root/rules"
unset OTEL_EXPORTER_OTLP_ENDPOINT

(cd "$tmp/app" && exec dotnet OligoDecide.CdsHooks.dll) > "$tmp/host.log" 2>&1 &
pid=$!

ready=""
for _ in $(seq 1 120); do
  if ready=$(curl -fsS "http://127.0.0.1:$port/health/ready" 2>/dev/null); then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "host-smoke: the host exited during start-up:" >&2; cat "$tmp/host.log" >&2; exit 1; fi
  sleep 1
done
if [ -z "$ready" ]; then echo "host-smoke: /health/ready did not answer within 120 s" >&2; cat "$tmp/host.log" >&2; exit 1; fi

curl -fsS "http://127.0.0.1:$port/health/live" > /dev/null
sha=$(printf '%s' "$ready" | grep -o '"sha256":"[0-9a-f]\{64\}"' || true)
echo "$ready" | grep -q '"status":"Healthy"' && echo "$ready" | grep -q '"id":"oligodecide-default"' && [ -n "$sha" ] || {
  echo "host-smoke: unexpected /health/ready answer: $ready" >&2; exit 1; }
# An unauthenticated call is refused: the published host runs with authentication on.
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port/cds-services/oligodecide-patient-view")
[ "$code" = "401" ] || { echo "host-smoke: expected 401 without a token, got $code" >&2; exit 1; }
echo "host smoke test: the published host started with the documented environment; /health/ready: $ready"
