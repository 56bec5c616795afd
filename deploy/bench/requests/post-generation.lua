-- wrk script: POST /v1/generations as one premium user at a paced rate. With one connection per
-- thread and a fixed delay between requests, 2 threads x 1000 ms / (38 ms + latency) ~= 50 requests/s.
-- The model's time is excluded by design: the request returns 202 once the job is queued.
function init(args)
  token = args[1]
  scene = args[2]
end

function delay()
  return 38
end

function request()
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Authorization"] = "Bearer " .. token
  headers["Idempotency-Key"] = string.format("%d-%d", math.random(1, 2^31), math.random(1, 2^31))
  return wrk.format("POST", "/v1/generations", headers, '{"scene_id":"' .. scene .. '"}')
end

function response(status, headers, body)
  if status ~= 202 then
    io.stderr:write("unexpected status " .. status .. " " .. body .. "\n")
  end
end
