-- The one way anything writes a cached row (shop:product:{id}, shop:account:{userId}) into Redis.
-- Every value carries its version: its place in the binlog (BinlogVersion). One rule for every writer: write iff the
-- key is absent or holds a lower version. So a slow cache fill never overwrites what the binlog wrote after it, a
-- replayed binlog event is harmless, and whatever SQL changed the row (a REPLACE, a re-insert after a DELETE) its
-- newer image always gets in.
--
-- KEYS[1]  the cache key
-- ARGV[1]  write kind: FILL (gateway, after reading the owning service), CHANGE (binlog INSERT/UPDATE), DELETE (binlog DELETE)
-- ARGV[2]  the version carried by the new value: a positive decimal integer of up to 19 digits
-- ARGV[3]  the new value: the row's JSON, or the tombstone {"deleted":true,"version":V}
-- ARGV[4]  time to live in milliseconds
-- Returns 1 when it wrote, 0 when it kept what was there.

local kind = ARGV[1]
if kind ~= 'FILL' and kind ~= 'CHANGE' and kind ~= 'DELETE' then
    return redis.error_reply('unknown cache write kind: ' .. tostring(kind))
end
local version = ARGV[2]
if not string.match(version, '^[1-9]%d*$') or #version > 19 then
    return redis.error_reply('not a cache version: ' .. tostring(version))
end

-- Versions use 63 bits and Lua numbers are doubles (exact to 53 bits): compare them as two halves of ten digits.
local function halves(digits)
    local padded = string.rep('0', 20 - #digits) .. digits
    return tonumber(string.sub(padded, 1, 10)), tonumber(string.sub(padded, 11, 20))
end

local function lower(a, b)
    local ahigh, alow = halves(a)
    local bhigh, blow = halves(b)
    return ahigh < bhigh or (ahigh == bhigh and alow < blow)
end

local function should_write()
    local stored = redis.call('GET', KEYS[1])
    if not stored then
        return true
    end
    -- Read the digits from the JSON text itself: cjson would turn them into a double. The views are flat objects, so
    -- "version": occurs once, outside any string (a quote inside a string is escaped).
    local current = string.match(stored, '"version":(%d+)')
    if not current or #current > 19 then
        return true -- not ours (or damaged): replace it
    end
    return lower(current, version)
end

if should_write() then
    redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
    return 1
end
return 0
