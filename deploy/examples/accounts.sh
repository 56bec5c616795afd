#!/usr/bin/env bash
# Issue 11 by hand, against a running `deploy/monzie start`: sign up, read the verification mail
# from the stack's mail catcher, verify, forget the password, reset it with the mailed code, and
# sign in with the new password (200) but not the old one (401). Needs curl and jq.
set -euo pipefail
cd "$(dirname "$0")/../.."
api="$(deploy/monzie status --env | sed -n 's/^API_URL=//p')"
email="walk-$RANDOM$RANDOM@example.com"; ip="198.51.100.$((RANDOM % 250))"
post() { curl -s -w ' %{http_code}' "$api$1" -H 'Content-Type: application/json' -H "X-Forwarded-For: $ip" "${@:3}" -d "$2"; }
code_from_mail() { # subject-word -> the code in the newest such mail to $email
  for _ in $(seq 1 100); do
    c=$(deploy/monzie mail --to "$email" --json | jq -r --arg w "$1" '[.[] | select(.subject | test($w; "i"))][0].text // ""' \
      | grep -o 'token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2)
    [ -n "$c" ] && { echo "$c"; return; }
    sleep 0.2
  done
  echo "no '$1' mail to $email" >&2; return 1
}
echo "sign-up: $(post /v1/auth/signup "{\"email\":\"$email\",\"password\":\"first-pass1\"}" | jq -rR 'split(" ") | .[-1]')"
token=$(post /v1/auth/token "{\"grant_type\":\"password\",\"email\":\"$email\",\"password\":\"first-pass1\"}" | sed 's/ [0-9]*$//' | jq -r .access_token)
echo "mails to $email: $(deploy/monzie mail --to "$email" --json | jq -c '[.[] | {to, subject, received_at}]')"
verify=$(code_from_mail confirm)
echo "email_verified before: $(curl -s "$api/v1/profiles/me" -H "Authorization: Bearer $token" | jq .email_verified)"
echo "POST /v1/auth/email/verify -> $(post /v1/auth/email/verify "{\"token\":\"$verify\"}" -o /dev/null)"
echo "email_verified after: $(curl -s "$api/v1/profiles/me" -H "Authorization: Bearer $token" | jq .email_verified)"
echo "POST /v1/auth/password/forgot -> $(post /v1/auth/password/forgot "{\"email\":\"$email\"}")"
echo "   (unknown email)             -> $(post /v1/auth/password/forgot "{\"email\":\"nobody-$RANDOM@example.com\"}")"
reset=$(code_from_mail reset)
echo "POST /v1/auth/password/reset -> $(post /v1/auth/password/reset "{\"token\":\"$reset\",\"new_password\":\"second-pass2\"}" -o /dev/null)"
echo "   the same code again        -> $(post /v1/auth/password/reset "{\"token\":\"$reset\",\"new_password\":\"third-pass3\"}" -o /dev/null)"
echo "sign-in, new password: $(post /v1/auth/token "{\"grant_type\":\"password\",\"email\":\"$email\",\"password\":\"second-pass2\"}" -o /dev/null)"
echo "sign-in, old password: $(post /v1/auth/token "{\"grant_type\":\"password\",\"email\":\"$email\",\"password\":\"first-pass1\"}" -o /dev/null)"
echo "the old access token:  $(curl -s -o /dev/null -w '%{http_code}' "$api/v1/profiles/me" -H "Authorization: Bearer $token")"
