#!/usr/bin/env bash
# Lints the four services' OpenAPI documents, as the build stores them (target/openapi/, the very
# documents /q/openapi serves), with Stoplight Spectral's OpenAPI ruleset; fails on any error.
# Not part of ./mvnw verify: npx fetches Spectral from the npm registry the first time.
#
#   deploy/openapi/lint.sh            # lints what the last build stored
#   deploy/openapi/lint.sh --build    # builds the four services first (no tests)
set -euo pipefail
cd "$(dirname "$0")/../.."

SERVICES=(profile-service catalog-service generation-service analytics-service)
SPECTRAL_VERSION="${SPECTRAL_VERSION:-6.16.3}"

if [[ "${1:-}" == "--build" ]]; then
  ./mvnw -B -ntp -q -pl "$(IFS=,; echo "${SERVICES[*]}")" -am package -DskipTests
fi

documents=()
for service in "${SERVICES[@]}"; do
  document="$service/target/openapi/openapi.yaml"
  if [[ ! -f "$document" ]]; then
    echo "missing $document: build first (deploy/openapi/lint.sh --build)" >&2
    exit 2
  fi
  documents+=("$document")
done

ruleset="$(mktemp --suffix=.yaml)"
trap 'rm -f "$ruleset"' EXIT
echo 'extends: ["spectral:oas"]' >"$ruleset"

npx --yes "@stoplight/spectral-cli@${SPECTRAL_VERSION}" lint \
  --ruleset "$ruleset" --fail-severity=error "${documents[@]}"
