-- Takes one token from each of the buckets KEYS[1..n] if every one of them has a token, else from none.
-- ARGV: per bucket, its capacity and its refill rate (tokens per second). Time is Redis's own clock, so every
-- gateway instance sees the same buckets. Returns {1, 0} when allowed, {0, ms until a token is back} when not.
local now
do
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local levels = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[2 * i - 1])
  local rate = tonumber(ARGV[2 * i])
  local bucket = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(bucket[1]) or capacity
  local at = tonumber(bucket[2]) or now
  tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
  levels[i] = tokens
  if tokens < 1 then
    wait = math.max(wait, math.ceil((1 - tokens) * 1000 / rate))
  end
end
local allowed = wait == 0
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[2 * i - 1])
  local rate = tonumber(ARGV[2 * i])
  local tokens = levels[i]
  if allowed then
    tokens = tokens - 1
  end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', now)
  -- gone once it would be full again anyway
  redis.call('PEXPIRE', key, math.ceil(capacity * 1000 / rate) + 1000)
end
if allowed then
  return {1, 0}
end
return {0, wait}
