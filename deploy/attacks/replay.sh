#!/usr/bin/env bash
# Replays the hostile-input findings of issue 16 against a running local stack
# (`deploy/monzie start`), through the gateway only, and prints one line per scenario:
#   <finding> | <what was sent> | <statuses seen> | PASS/FAIL/SKIP
# FAIL = any 5xx, or the bypass the finding describes. Exit status 1 when anything FAILed.
#
#   deploy/attacks/replay.sh            # every scenario (18 SIGKILLs a service and restarts it)
#   REPLAY_SKIP_RESTART=1 deploy/attacks/replay.sh   # leave scenario 18 out
#   deploy/attacks/replay.sh 1 9 12     # only these findings
#
# Needs bash, curl, python3 and openssl (to sign the scenario-11 token with the dev key); nothing
# is downloaded. Per-client limits are keyed by X-Forwarded-For, which the stack believes from
# loopback (the gateway is a trusted proxy there), so every scenario uses client addresses of its
# own, random per run: reruns within the throttle windows do not trip over each other.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if [ -z "${API_URL:-}" ]; then
  eval "$(deploy/monzie status --env 2>/dev/null)" || true
fi
API="${API_URL:-http://localhost:8080}"
PUBLIC_BASE="${MONZIE_PUBLIC_BASE_URL:-http://localhost:8080}"
work="$(mktemp -d)"
trap 'jobs -p | xargs -r kill 2>/dev/null; rm -rf "$work"' EXIT
failed=0
only=" $* "

# ---------------------------------------------------------------------------------------------
report() { # finding, sent, statuses, verdict
  printf '%-3s | %-70s | %-34s | %s\n' "$1" "$2" "$3" "$4"
  [ "$4" = FAIL ] && failed=1
  return 0
}
wanted() { [ "$only" = "  " ] || [[ "$only" == *" $1 "* ]]; }
# tally FILE: "401x5 429x25" from one status per line
tally() { sort "$1" | uniq -c | awk '{printf "%s%sx%s", (NR>1?" ":""), $2, $1}'; }
has5xx() { grep -q '^5' "$1"; }
rnd() { echo $((RANDOM % 250 + 1)); }
client() { echo "100.$((64 + RANDOM % 60)).$(rnd).$(rnd)"; } # a fresh client address (CGNAT range)

# call METHOD PATH [curl args...]: prints the status; body in $work/body, headers in $work/head
call() {
  local method="$1" path="$2"; shift 2
  curl -s -o "$work/body" -D "$work/head" -w '%{http_code}' --max-time 30 -X "$method" "$@" \
    "$API$path"
}
ctype() { grep -i '^content-type:' "$work/head" | head -1 | tr -d '\r' | cut -d' ' -f2-; }
header() { grep -i "^$1:" "$work/head" | head -1 | tr -d '\r' | cut -d' ' -f2-; }
json() { python3 -c "import json,sys; d=json.load(open('$work/body')); print($1)" 2>/dev/null; }
is_problem() { [[ "$(ctype)" == application/problem+json* ]]; }

PASSWORD='replay password 1'
# signup EMAIL -> "user_id access_token refresh_token" (from a client address of its own)
signup() {
  local s
  s=$(call POST /v1/auth/signup -H 'Content-Type: application/json' -H "X-Forwarded-For: $(client)" \
    --data "{\"email\":\"$1\",\"password\":\"$PASSWORD\",\"gender\":\"female\"}")
  [ "$s" = 201 ] || { echo "signup $1 -> $s $(head -c 300 "$work/body")" >&2; return 1; }
  json "d['user']['id'], d['access_token'], d['refresh_token']"
}
email() { echo "replay-$1-$(date +%s)-$RANDOM@example.com"; }

scene=""
free_scene() {
  [ -n "$scene" ] || { call GET '/v1/scenes?premium=false&limit=1' >/dev/null; scene=$(json "d['items'][0]['id']"); }
  echo "$scene"
}

# ---------------------------------------------------------------------------------------------
s1() { # parallel brute force against the login limit
  local e; e=$(email s1); signup "$e" >/dev/null || { report 1 "sign-up failed" "-" FAIL; return; }
  local ip; ip=$(client)
  seq 30 | xargs -P 30 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 \
    -H 'Content-Type: application/json' -H "X-Forwarded-For: $ip" \
    --data "{\"grant_type\":\"password\",\"email\":\"$e\",\"password\":\"wrong password {}\"}" \
    "$API/v1/auth/token" >"$work/s1"
  local n401; n401=$(grep -c '^401$' "$work/s1")
  local v=PASS; { has5xx "$work/s1" || [ "$n401" -gt 5 ] || [ "$(grep -c '^429$' "$work/s1")" -lt 25 ]; } && v=FAIL
  report 1 "30 parallel wrong passwords, one email, one client" "$(tally "$work/s1")" $v
}

s2() { # gateway path normalisation: internal URLs under every public prefix
  : >"$work/s2"; local bad=""
  local prefixes; prefixes=$(sed -n 's/.*prefix: \([^,]*\),.*/\1/p' deploy/routes.yaml)
  local p target form ups path s
  for p in $prefixes; do
    ups=$(($(tr -cd / <<<"$p" | wc -c)))
    for target in q/metrics q/health/ready q/openapi; do
      for form in .. %2e%2e %2E%2E .%2e %2e. ..%2f ..%5c '..;'; do
        path="$p/"; for ((i = 0; i < ups; i++)); do path+="$form/"; done; path+="$target"
        s=$(curl -s --path-as-is -o "$work/body" -D "$work/head" -w '%{http_code}' --max-time 10 "$API$path")
        echo "$s" >>"$work/s2"
        if [[ "$s" =~ ^(2|5) ]] || ! is_problem || grep -q -e '# HELP' -e '"status" *: *"UP"' -e 'openapi:' "$work/body"; then
          bad+=" $path->$s"
        fi
      done
      path="$p//..//"; for ((i = 1; i < ups; i++)); do path+="../"; done; path+="$target"
      s=$(curl -s --path-as-is -o "$work/body" -D "$work/head" -w '%{http_code}' --max-time 10 "$API$path")
      echo "$s" >>"$work/s2"; [[ "$s" =~ ^(2|5) ]] && bad+=" $path->$s"
    done
  done
  for path in /q/metrics /q/health /q/openapi /q/swagger-ui /q/dev-ui; do
    s=$(curl -s --path-as-is -o /dev/null -w '%{http_code}' --max-time 10 "$API$path"); echo "$s" >>"$work/s2"
    [[ "$s" =~ ^(2|5) ]] && bad+=" $path->$s"
  done
  report 2 "$(wc -l <"$work/s2") dot-segment paths (../%2e%2e/.%2e/;/%2f/%5c//) x 13 prefixes" \
    "$(tally "$work/s2")" "$([ -z "$bad" ] && echo PASS || echo FAIL)"
  [ -z "$bad" ] || echo "    escaped or not a problem:$bad" | cut -c1-600
}

s3() { # PNG decompression bomb
  python3 - "$work/bomb.png" <<'EOF'
import struct, sys, zlib
w = h = 8000  # 64 MP, 1 bit per pixel: 8 MB raw, a few KB compressed
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
row = b'\x00' + b'\x00' * (w // 8)
c = zlib.compressobj(9); idat = b''.join(c.compress(row) for _ in range(h)) + c.flush()
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 1, 0, 0, 0, 0))
                              + chunk(b'IDAT', idat) + chunk(b'IEND', b''))
EOF
  local u; u=($(signup "$(email s3)")) || { report 3 "sign-up failed" "-" FAIL; return; }
  local s after
  s=$(call POST /v1/uploads -H "Authorization: Bearer ${u[1]}" -F "file=@$work/bomb.png;type=image/png" -F purpose=photo)
  after=$(call GET /v1/usage/today -H "Authorization: Bearer ${u[1]}")
  local v=FAIL; [[ "$s" =~ ^41[35]$ ]] && [ "$after" = 200 ] && v=PASS
  report 3 "upload $(stat -c %s "$work/bomb.png") B PNG, 1-bit 8000x8000; then GET usage" "upload $s, after $after" $v
}

s4() { # one user's SSE streams must not starve others; per-user cap
  local a b; a=($(signup "$(email s4a)")) && b=($(signup "$(email s4b)")) || { report 4 "sign-up failed" "-" FAIL; return; }
  local i pids=()
  for i in $(seq 20); do
    curl -s -N -o /dev/null -w '%{http_code}\n' --max-time 40 -H "Authorization: Bearer ${a[1]}" \
      -H 'Accept: text/event-stream' "$API/v1/generations/stream" >"$work/s4.$i" &
    pids+=($!)
  done
  local t0=$SECONDS other open deadline=$((SECONDS + 20))
  other=$(curl -s -o /dev/null -w '%{http_code} %{time_total}s' --max-time 15 -H "Authorization: Bearer ${b[1]}" "$API/v1/usage/today")
  while :; do # the cap closes the oldest streams: wait (bounded) until at most 5 are open
    open=0; for i in "${pids[@]}"; do kill -0 "$i" 2>/dev/null && open=$((open + 1)); done
    [ "$open" -le 5 ] || [ $SECONDS -ge $deadline ] && break; sleep 0.5
  done
  kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null
  cat "$work"/s4.* | grep -v '^$' >"$work/s4"
  local v=FAIL; [[ "$other" == 200* ]] && [ "$open" -le 5 ] && ! has5xx "$work/s4" && v=PASS
  report 4 "20 SSE streams of user A; user B GET /v1/usage/today" \
    "streams $(tally "$work/s4"), open after cap $open; B $other" $v
}

s5() { # rotating X-Forwarded-For vs a per-client limit
  # From loopback the gateway is a trusted proxy, so a local client may name its address in XFF:
  # a replay over 127.0.0.1 cannot show this finding closed. Over a non-loopback interface of
  # this machine the gateway's peer is that address, which it appends; the services trust only the
  # gateway (loopback), so the right-most untrusted hop is the real peer whatever the client wrote.
  local ip; ip=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -v -e '^127\.' -e ':' -e '^$' | head -1)
  local port; port=$(sed -E 's#^.*:([0-9]+).*$#\1#' <<<"$API")
  if [ -z "$ip" ] || ! curl -s -o /dev/null --max-time 5 "http://$ip:$port/healthz"; then
    report 5 "no non-loopback address reaches the gateway" "-" SKIP; return
  fi
  local e; e=$(email s5); signup "$e" >/dev/null || { report 5 "sign-up failed" "-" FAIL; return; }
  : >"$work/s5"; local i
  for i in $(seq 8); do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -H 'Content-Type: application/json' \
      -H "X-Forwarded-For: $(client)" \
      --data "{\"grant_type\":\"password\",\"email\":\"$e\",\"password\":\"wrong $i\"}" \
      "http://$ip:$port/v1/auth/token" >>"$work/s5"
  done
  local v=PASS; { has5xx "$work/s5" || [ "$(grep -c '^401$' "$work/s5")" -gt 5 ]; } && v=FAIL
  report 5 "8 wrong passwords via $ip:$port, fresh XFF each" "$(tally "$work/s5")" $v
  # the same over loopback, for contrast: the gateway is trusted there, so each XFF is a client
  : >"$work/s5l"; e=$(email s5l); signup "$e" >/dev/null
  for i in $(seq 8); do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -H 'Content-Type: application/json' \
      -H "X-Forwarded-For: $(client)" \
      --data "{\"grant_type\":\"password\",\"email\":\"$e\",\"password\":\"wrong $i\"}" "$API/v1/auth/token" >>"$work/s5l"
  done
  report 5 "(same 8 over loopback: trusted proxy, XFF names the client)" "$(tally "$work/s5l")" \
    "$(has5xx "$work/s5l" && echo FAIL || echo INFO)"
}

userfiles() { find ".monzie/files/users/$1" -type f 2>/dev/null | head -1; } # an empty folder is no leak
s6() { # a deleted account's token
  local u; u=($(signup "$(email s6)")) || { report 6 "sign-up failed" "-" FAIL; return; }
  local sc d s seen="" deadline=$((SECONDS + 5)); sc=$(free_scene)
  local before; before=$(call POST /v1/generations -H "Authorization: Bearer ${u[1]}" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $(python3 -c 'import uuid;print(uuid.uuid4())')" --data "{\"scene_id\":\"$sc\"}") # in flight
  d=$(call DELETE /v1/profiles/me -H "Authorization: Bearer ${u[1]}")
  while :; do
    s=$(call POST /v1/generations -H "Authorization: Bearer ${u[1]}" -H 'Content-Type: application/json' \
      -H "Idempotency-Key: $(python3 -c 'import uuid;print(uuid.uuid4())')" --data "{\"scene_id\":\"$sc\"}")
    seen+="$s "
    [ "$s" = 401 ] || [ $SECONDS -ge $deadline ] && break; sleep 0.3
  done
  # generation learns of the deletion through user.deleted (Kafka), so a POST in the first moment
  # may still be accepted; the finding is closed when the token is refused within seconds and
  # whatever was accepted meanwhile is discarded: no job, image or file of that user remains
  local rest="" v=FAIL
  if command -v psql >/dev/null; then
    local db="${DATABASE_URL:-postgresql://postgres:postgres@127.0.0.1:54322}/generation" n
    deadline=$((SECONDS + 30))
    while :; do
      n=$(psql "$db" -Atc "select (select count(*) from generation_jobs where user_id = '${u[0]}')
        + (select count(*) from generated_images where user_id = '${u[0]}')" 2>/dev/null)
      [ "$n" = 0 ] && [ -z "$(userfiles "${u[0]}")" ] && break
      [ $SECONDS -ge $deadline ] && break; sleep 1
    done
    rest="; residue: ${n:-?} rows$([ -n "$(userfiles "${u[0]}")" ] && echo ' + files')"
  fi
  [ "$d" = 204 ] && [ "$s" = 401 ] && [[ "$seen" != *5??* ]] && [[ "$rest" != *residue:\ [1-9?]* && "$rest" != *files* ]] && v=PASS
  report 6 "POST gen, DELETE /v1/profiles/me, old token POST /v1/generations" "pre $before; delete $d; post ${seen% }$rest" $v
}

s7() { # sign-up throttle per client address
  local ip; ip=$(client); local tag; tag="$(date +%s)-$RANDOM"
  seq 31 | xargs -P 8 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 \
    -H 'Content-Type: application/json' -H "X-Forwarded-For: $ip" \
    --data "{\"email\":\"replay-s7-$tag-{}@example.com\",\"password\":\"$PASSWORD\",\"gender\":\"male\"}" \
    "$API/v1/auth/signup" >"$work/s7"
  local v=FAIL; ! has5xx "$work/s7" && [ "$(grep -c '^201$' "$work/s7")" -le 30 ] && grep -q '^429$' "$work/s7" && v=PASS
  report 7 "31 parallel sign-ups from one client address" "$(tally "$work/s7")" $v
}

s8() { # lockout as denial of service
  local e; e=$(email s8); signup "$e" >/dev/null || { report 8 "sign-up failed" "-" FAIL; return; }
  local a b i; a=$(client); b=$(client); : >"$work/s8"
  for i in $(seq 6); do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -H 'Content-Type: application/json' -H "X-Forwarded-For: $a" \
      --data "{\"grant_type\":\"password\",\"email\":\"$e\",\"password\":\"wrong $i\"}" "$API/v1/auth/token" >>"$work/s8"
  done
  local owner; owner=$(call POST /v1/auth/token -H 'Content-Type: application/json' -H "X-Forwarded-For: $b" \
    --data "{\"grant_type\":\"password\",\"email\":\"$e\",\"password\":\"$PASSWORD\"}")
  local v=FAIL; ! has5xx "$work/s8" && grep -q '^429$' "$work/s8" && [ "$owner" = 200 ] && v=PASS
  report 8 "6 wrong passwords from client A, right one from client B" "A $(tally "$work/s8"); B $owner" $v
}

s9() { # NUL (and a lone surrogate) in strings
  local u; u=($(signup "$(email s9)")) || { report 9 "sign-up failed" "-" FAIL; return; }
  local sc; sc=$(free_scene)
  local auth=(-H "Authorization: Bearer ${u[1]}" -H 'Content-Type: application/json')
  local ev='"event_name":"replay_nul","platform":"ios"' line="" s bad=0 name body
  while IFS='|' read -r name method path body; do
    s=$(call "$method" "$path" "${auth[@]}" -H "X-Forwarded-For: $(client)" \
      -H "Idempotency-Key: $(python3 -c 'import uuid;print(uuid.uuid4())')" --data "$body")
    line+="$name $s, "; { [ "$s" != 400 ] || ! is_problem; } && bad=1
  done <<EOF
display_name|PATCH|/v1/profiles/me|{"display_name":"a\u0000b"}
display_name(surrogate)|PATCH|/v1/profiles/me|{"display_name":"a\ud800b"}
login email|POST|/v1/auth/token|{"grant_type":"password","email":"a\u0000@example.com","password":"x"}
style|POST|/v1/generations|{"scene_id":"$sc","style":"oil\u0000paint"}
props key|POST|/v1/events|{"events":[{$ev,"event_properties":{"k\u0000":"v"}}]}
props value|POST|/v1/events|{"events":[{$ev,"event_properties":{"k":"v\u0000"}}]}
session_id|POST|/v1/events|{"events":[{$ev,"session_id":"s\u0000"}]}
app_version|POST|/v1/events|{"events":[{$ev,"app_version":"1.0\u0000"}]}
EOF
  report 9 "NUL in 7 fields + lone surrogate (expect 400 problem)" "${line%, }" "$([ $bad = 0 ] && echo PASS || echo FAIL)"
}

s10() { # 10 MB JSON bodies
  python3 -c "print('{\"x\":\"' + 'a' * (10 * 1024 * 1024) + '\"}')" >"$work/big.json"
  local u; u=($(signup "$(email s10)")) || { report 10 "sign-up failed" "-" FAIL; return; }
  local line="" s bad=0 route
  for route in "PATCH /v1/profiles/me" "POST /v1/categories" "POST /v1/events" "POST /v1/webhooks/revenuecat" "POST /v1/generations"; do
    s=$(call ${route% *} "${route#* }" -H "Authorization: Bearer ${u[1]}" -H 'Content-Type: application/json' \
      --data-binary "@$work/big.json")
    line+="${route#* } $s, "; { [ "$s" != 413 ] || ! is_problem; } && bad=1
  done
  s=$(call POST /v1/events -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' --data-binary "@$work/big.json")
  line+="events(chunked) $s"; [[ "$s" =~ ^(413|000)$ ]] || bad=1 # a chunked body may be reset mid-way
  report 10 "10 MB JSON to profile/catalog/analytics/webhook/generation" "$line" "$([ $bad = 0 ] && echo PASS || echo FAIL)"
}

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
sign() { # sign CLAIMS_JSON with the dev key (.monzie/keys), RS256
  local kid; kid=$(cat .monzie/keys/jwt.kid)
  local h p
  h=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$kid" | b64url)
  p=$(printf '%s' "$1" | b64url)
  printf '%s.%s.%s' "$h" "$p" "$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -sign .monzie/keys/jwt-private.pem -binary | b64url)"
}
claims() { # SUB -> claims of an access token, 10 minutes
  local now; now=$(date +%s)
  printf '{"iss":"https://monzie.ai","aud":"monzie-api","sub":"%s","iat":%d,"exp":%d,"jti":"%s","role":"authenticated","groups":["authenticated"],"email":"x@example.com"}' \
    "$1" "$now" $((now + 600)) "$(python3 -c 'import uuid;print(uuid.uuid4())')"
}

s11() { # sub not a UUID; broken multipart
  if [ ! -f .monzie/keys/jwt-private.pem ]; then report 11 "no .monzie/keys/jwt-private.pem" "-" SKIP; return; fi
  local u; u=($(signup "$(email s11)")) || { report 11 "sign-up failed" "-" FAIL; return; }
  local control bad me logout usage mp
  control=$(call GET /v1/usage/today -H "Authorization: Bearer $(sign "$(claims "${u[0]}")")") # the signer works
  bad=$(sign "$(claims not-a-uuid)")
  me=$(call GET /v1/profiles/me -H "Authorization: Bearer $bad")
  logout=$(call POST /v1/auth/logout -H "Authorization: Bearer $bad")
  usage=$(call GET /v1/usage/today -H "Authorization: Bearer $bad")
  mp=$(call POST /v1/uploads -H "Authorization: Bearer ${u[1]}" -H 'Content-Type: multipart/form-data; boundary=XyZ' \
    --data-binary $'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG garbage with no closing boundary')
  local v=FAIL
  [ "$control" = 200 ] && [ "$me" = 401 ] && [ "$logout" = 401 ] && [ "$usage" = 401 ] && [ "$mp" = 400 ] && v=PASS
  report 11 "sub not-a-uuid on profiles/me, logout, usage; broken multipart" \
    "control $control; $me $logout $usage; multipart $mp" $v
}

s12() { # HTTP-layer errors as problems
  local u; u=($(signup "$(email s12)")) || { report 12 "sign-up failed" "-" FAIL; return; }
  local line="" bad=0 s
  python3 -c "print('{\"display_name\":\"' + 'a' * 100000 + '\"}')" >"$work/dn.json"
  s=$(call PATCH /v1/profiles/me -H "Authorization: Bearer ${u[1]}" -H 'Content-Type: application/json' --data-binary "@$work/dn.json")
  line+="display_name $s, "; { [ "$s" != 413 ] || ! is_problem; } && bad=1
  s=$(call GET "/v1/images?cursor=$(printf 'a%.0s' $(seq 6000))" -H "Authorization: Bearer ${u[1]}")
  line+="cursor $s, "; { [ "$s" != 414 ] || ! is_problem; } && bad=1
  s=$(call GET "/v1/scenes?q=$(printf 'a%.0s' $(seq 5000))")
  line+="q $s, "; { [ "$s" != 414 ] || ! is_problem; } && bad=1
  s=$(call GET /v1/categories -H "X-Junk: $(printf 'a%.0s' $(seq 16000))")
  line+="header $s"; { [ "$s" != 431 ] || ! is_problem; } && bad=1
  report 12 "100 KB display_name, 6000-char cursor, 5000-char q, 16 KB header" "$line" "$([ $bad = 0 ] && echo PASS || echo FAIL)"
}

s13() { # token after logout
  local u; u=($(signup "$(email s13)")) || { report 13 "sign-up failed" "-" FAIL; return; }
  local lo me us seen="" deadline=$((SECONDS + 5))
  lo=$(call POST /v1/auth/logout -H "Authorization: Bearer ${u[1]}" -H 'Content-Type: application/json' \
    --data "{\"refresh_token\":\"${u[2]}\"}")
  me=$(call GET /v1/profiles/me -H "Authorization: Bearer ${u[1]}")
  while :; do # generation learns of it through session.revoked
    us=$(call GET /v1/usage/today -H "Authorization: Bearer ${u[1]}"); seen+="$us "
    [ "$us" = 401 ] || [ $SECONDS -ge $deadline ] && break; sleep 0.3
  done
  local v=FAIL; [ "$lo" = 204 ] && [ "$me" = 401 ] && [ "$us" = 401 ] && [[ "$seen" != *5??* ]] && v=PASS
  report 13 "logout, then the access token on profiles/me and usage (5 s)" "logout $lo; me $me; usage ${seen% }" $v
}

s14() { # strict number types
  local u; u=($(signup "$(email s14)")) || { report 14 "sign-up failed" "-" FAIL; return; }
  local s; s=$(call POST /v1/generations -H "Authorization: Bearer ${u[1]}" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $(python3 -c 'import uuid;print(uuid.uuid4())')" --data "{\"scene_id\":\"$(free_scene)\",\"seed\":1.5}")
  report 14 'POST /v1/generations "seed": 1.5' "$s $(json "d.get('field','')")" "$([ "$s" = 400 ] && is_problem && echo PASS || echo FAIL)"
}

s15_16() { # security headers; Location from the public base URL
  local u; u=($(signup "$(email s15)")) || { report 15 "sign-up failed" "-" FAIL; return; }
  local line="" bad=0 s what
  check() { # NAME NEED_NO_STORE status
    local nos fr cc; nos=$(header X-Content-Type-Options); fr="$(header X-Frame-Options)$(header Content-Security-Policy | grep -o "frame-ancestors[^;]*")"
    cc=$(header Cache-Control)
    line+="$1 $3"
    if [ "$nos" != nosniff ] || [ -z "$fr" ]; then line+="(no nosniff/frame)"; bad=1; fi
    if [ "$2" = 1 ] && [[ "$cc" != *no-store* ]]; then line+="(no no-store)"; bad=1; fi
    [[ "$3" =~ ^5 ]] && bad=1; line+=", "
  }
  s=$(call POST /v1/auth/token -H 'Content-Type: application/json' -H "X-Forwarded-For: $(client)" \
    --data "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"${u[2]}\"}"); check token 1 "$s"
  s=$(call GET /v1/profiles/me -H "Authorization: Bearer ${u[1]}"); check profile 1 "$s"
  s=$(call GET /v1/images -H "Authorization: Bearer ${u[1]}"); check images 1 "$s"
  s=$(call GET /v1/categories); check categories 0 "$s"
  s=$(call GET /v1/usage/today -H "Authorization: Bearer ${u[1]}"); check usage 0 "$s"
  s=$(call GET /v1/nothing-here); check gateway-404 0 "$s"
  s=$(curl -s --path-as-is -o "$work/body" -D "$work/head" -w '%{http_code}' "$API/v1/auth/../../.."); check gateway-400 0 "$s"
  report 15 "nosniff + frame protection (+ no-store on token/profile/images)" "${line%, }" "$([ $bad = 0 ] && echo PASS || echo FAIL)"

  s=$(call POST /v1/generations -H "Authorization: Bearer ${u[1]}" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $(python3 -c 'import uuid;print(uuid.uuid4())')" --data "{\"scene_id\":\"$(free_scene)\"}")
  local loc; loc=$(header Location)
  local v=FAIL; [ "$s" = 202 ] && [[ "$loc" == "$PUBLIC_BASE/v1/generations/"* ]] && v=PASS
  report 16 "POST /v1/generations: Location under $PUBLIC_BASE" "$s ${loc:-no Location}" $v
}

s17() { # slowloris: a half request line, and a silent connection
  local out
  out=$(python3 - "$API" <<'EOF'
import socket, sys, threading, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); host, port = u.hostname, u.port or 80
res = {}
def run(name, send):
    s = socket.create_connection((host, port), timeout=5); s.settimeout(25)
    t0 = time.time()
    if send: s.sendall(send)
    try:
        data = b''
        while True:
            b = s.recv(4096)
            if not b: break
            data += b
        res[name] = 'closed after %.1fs%s' % (time.time() - t0, (' (' + data.split(b'\r\n')[0].decode() + ')') if data else '')
    except socket.timeout:
        res[name] = 'OPEN after 25s'
    s.close()
ts = [threading.Thread(target=run, args=a) for a in (('half line', b'GET /v1/categ'), ('half head', b'GET /v1/categories HTTP/1.1\r\nHost: x\r\n'))]
[t.start() for t in ts]; [t.join() for t in ts]
print('; '.join('%s: %s' % kv for kv in sorted(res.items())))
EOF
)
  report 17 "half request line / half head, then silence (gateway header timeout 10 s)" "$out" \
    "$([[ "$out" != *OPEN* && "$out" != *" 5"[0-9][0-9]* ]] && echo PASS || echo FAIL)"
}

s18() { # SIGKILLed service, then `deploy/monzie start`
  if [ -n "${REPLAY_SKIP_RESTART:-}" ]; then report 18 "REPLAY_SKIP_RESTART set" "-" SKIP; return; fi
  local pidf=.monzie/pids/analytics.pid
  [ -f "$pidf" ] || { report 18 "no $pidf" "-" SKIP; return; }
  local pid; pid=$(cat "$pidf"); kill -9 "$pid"
  local t0=$SECONDS out rc after
  out=$(deploy/monzie start 2>&1); rc=$?
  after=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$API/v1/stats/generations/daily?days=1" -H "Authorization: Bearer ${SERVICE_ROLE_TOKEN:-x}")
  local v=FAIL; [ $rc = 0 ] && [ "$(cat "$pidf" 2>/dev/null)" != "$pid" ] && [[ ! "$after" =~ ^5 ]] && v=PASS
  report 18 "kill -9 analytics ($pid), deploy/monzie start ($((SECONDS - t0)) s)" \
    "start rc $rc; new pid $(cat "$pidf" 2>/dev/null); /v1/stats $after" $v
  [ $v = PASS ] || echo "$out" | tail -5 | sed 's/^/    /'
}

# ---------------------------------------------------------------------------------------------
curl -s -o /dev/null --max-time 5 "$API/healthz" || { echo "no gateway at $API (deploy/monzie start first)" >&2; exit 2; }
echo "replaying issue 16 against $API ($(date -u +%FT%TZ))"
printf '%-3s | %-70s | %-34s | %s\n' '#' 'sent' 'statuses' 'verdict'
for n in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 17 18; do
  wanted "$n" || { [ "$n" = 15 ] && wanted 16; } || continue
  case $n in 15) s15_16 ;; *) "s$n" ;; esac
done
exit $failed
