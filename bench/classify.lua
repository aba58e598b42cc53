-- wrk script: POST /v1/tasks/<TASK>/classify with distinct texts read from TEXTS_FILE, PER_REQUEST texts each.
-- Each wrk thread walks its own stride of the file, so no text is sent twice (the embedding cache stays cold).
local texts = {}
local threads = {}
local counter = 0

local function escape(s)
  s = s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('[%c]', ' ')
  return s
end

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(os.getenv("TEXTS_FILE"), "r"))
  for line in f:lines() do
    table.insert(texts, line)
  end
  f:close()
  per_request = tonumber(os.getenv("PER_REQUEST") or "1")
  stride = tonumber(os.getenv("THREADS") or "1")
  offset = tonumber(os.getenv("OFFSET") or "0")
  next_index = offset + id - 1
  path = "/v1/tasks/" .. os.getenv("TASK") .. "/classify"
end

function request()
  local parts = {}
  for i = 1, per_request do
    local t = texts[(next_index % #texts) + 1]
    next_index = next_index + stride
    table.insert(parts, '"' .. escape(t) .. '"')
  end
  local body = '{"texts": [' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_status=%d errors_other=%d duration_us=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, summary.duration, latency:percentile(50), latency:percentile(99)))
end
