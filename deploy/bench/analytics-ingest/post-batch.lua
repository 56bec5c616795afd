-- wrk script: POST /v1/events with a batch of 500 app events; stops after `total` requests
-- (split across threads). Each request comes from another device address, as a fleet would.
local batch_size = 500
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  total = tonumber(args[1] or "2000")
  nthreads = tonumber(args[2] or "2")
  quota = math.floor(total / nthreads)
  done = 0
  local events = {}
  for i = 1, batch_size do
    events[i] = string.format(
      '{"event_name":"scene_viewed","platform":"ios","app_version":"2.3.1","session_id":"s-%d",' ..
      '"event_properties":{"scene":"portrait","position":%d},"device_info":{"model":"iPhone15,2"}}', i, i)
  end
  body = '{"events":[' .. table.concat(events, ",") .. ']}'
end

function request()
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", id, math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", "/v1/events", headers, body)
end

function response(status, headers, body)
  if status ~= 202 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
  done = done + 1
  if done >= quota then
    wrk.thread:stop()
  end
end
