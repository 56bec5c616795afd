#!/usr/bin/env bash
# Issue 12 by hand, against a running `deploy/monzie start`: a RevenueCat INITIAL_PURCHASE of
# monzie_weekly gives a new user 40 credits; 40 generations are accepted and the 41st is 402; a
# NON_RENEWING_PURCHASE of monzie_credits_50 allows 50 more; an Adapty subscription_started does
# what RevenueCat does; GET /v1/plans lists the demo plans. Needs curl and jq.
set -euo pipefail
cd "$(dirname "$0")/../.."
eval "$(deploy/monzie status --env | grep -E '^(API_URL|REVENUECAT_WEBHOOK_SECRET|ADAPTY_WEBHOOK_SECRET)=')"
api="$API_URL"; now_ms=$(( $(date +%s) * 1000 ))
signup() { # -> "user_id access_token"
  curl -sf "$api/v1/auth/signup" -H 'Content-Type: application/json' -H "X-Forwarded-For: 198.51.100.$((RANDOM % 250))" \
    -d "{\"email\":\"bm-$RANDOM$RANDOM@example.com\",\"password\":\"walk1ng-through\"}" | jq -r '"\(.user.id) \(.access_token)"'
}
revenuecat() { # type user product
  curl -s -o /dev/null -w '%{http_code}' "$api/v1/webhooks/revenuecat" -H "Authorization: Bearer $REVENUECAT_WEBHOOK_SECRET" \
    -H 'Content-Type: application/json' -d "{\"api_version\":\"1.0\",\"event\":{\"id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"type\":\"$1\",
    \"app_user_id\":\"$2\",\"original_app_user_id\":\"$2\",\"product_id\":\"$3\",\"period_type\":\"NORMAL\",
    \"purchased_at_ms\":$now_ms,\"expiration_at_ms\":$([ "$1" = NON_RENEWING_PURCHASE ] && echo null || echo $((now_ms + 7*86400000))),
    \"event_timestamp_ms\":$now_ms,\"environment\":\"PRODUCTION\",\"store\":\"APP_STORE\",\"transaction_id\":\"$RANDOM$RANDOM\"}}"
}
usage() { curl -sf "$api/v1/usage" -H "Authorization: Bearer $1"; }
wait_available() { # token n: the entitlement travels profile -> Kafka -> generation
  for _ in $(seq 1 100); do [ "$(usage "$1" | jq .available)" = "$2" ] && return 0; sleep 0.1; done
  echo "available never became $2: $(usage "$1")" >&2; return 1
}
scene=$(curl -sf "$api/v1/scenes?limit=1" | jq -r '.items[0].id // .[0].id')
generate() { curl -s -o /dev/null -w '%{http_code}' "$api/v1/generations" -H "Authorization: Bearer $1" \
  -H 'Content-Type: application/json' -d "{\"scene_id\":\"$scene\"}"; }

echo "GET /v1/plans: $(curl -sf "$api/v1/plans" | jq -c '[.items[] | "\(.key) \(if .unlimited then "unlimited" else .credits end)"]')"
read -r user token <<< "$(signup)"
echo "user $user: RevenueCat INITIAL_PURCHASE monzie_weekly -> $(revenuecat INITIAL_PURCHASE "$user" monzie_weekly)"
wait_available "$token" 40 && echo "GET /v1/usage: $(usage "$token" | jq -c .)"
codes=$(for _ in $(seq 1 40); do generate "$token"; echo; done | sort | uniq -c | tr -s ' ' | tr '\n' ',')
echo "40 generations: $codes  the 41st: $(generate "$token")"
echo "NON_RENEWING_PURCHASE monzie_credits_50 -> $(revenuecat NON_RENEWING_PURCHASE "$user" monzie_credits_50)"
wait_available "$token" 50 && echo "GET /v1/usage: $(usage "$token" | jq -c .)"
codes=$(for _ in $(seq 1 50); do generate "$token"; echo; done | sort | uniq -c | tr -s ' ' | tr '\n' ',')
echo "50 more: $codes  then: $(generate "$token")"
read -r user2 token2 <<< "$(signup)"
at=$(date -u +%Y-%m-%dT%H:%M:%S.000000+0000); exp=$(date -u -d '+7 days' +%Y-%m-%dT%H:%M:%S.000000+0000)
code=$(curl -s -o /dev/null -w '%{http_code}' "$api/v1/webhooks/adapty" -H "Authorization: $ADAPTY_WEBHOOK_SECRET" -H 'Content-Type: application/json' \
  -d "{\"profile_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"customer_user_id\":\"$user2\",\"event_type\":\"subscription_started\",\"event_datetime\":\"$at\",
  \"event_api_version\":1,\"event_properties\":{\"store\":\"app_store\",\"profile_event_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"vendor_product_id\":\"monzie_weekly\",
  \"environment\":\"Production\",\"purchase_date\":\"$at\",\"subscription_expires_at\":\"$exp\",\"transaction_id\":\"$RANDOM$RANDOM\"}}")
echo "user $user2: Adapty subscription_started monzie_weekly -> $code"
wait_available "$token2" 40 && echo "GET /v1/usage: $(usage "$token2" | jq -c .)"
