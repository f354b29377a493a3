-- The one way anything writes a cached row (shop:product:{id}, shop:account:{userId}) into Redis.
-- Every value carries its row's version, and a write only ever replaces an older version, so a slow cache fill can
-- never overwrite what the binlog wrote after it, and a replayed binlog event is harmless.
--
-- KEYS[1]  the cache key
-- ARGV[1]  write kind: FILL (gateway, after reading the owning service), CHANGE (binlog INSERT/UPDATE), DELETE (binlog DELETE)
-- ARGV[2]  the row version carried by the new value
-- ARGV[3]  the new value: the row's JSON, or the tombstone {"deleted":true,"version":V}
-- ARGV[4]  time to live in milliseconds
-- ARGV[5]  "1" when a CHANGE is an INSERT, else "0"
-- Returns 1 when it wrote, 0 when it kept what was there.

local kind = ARGV[1]
if kind ~= 'FILL' and kind ~= 'CHANGE' and kind ~= 'DELETE' then
    return redis.error_reply('unknown cache write kind: ' .. tostring(kind))
end
local version = tonumber(ARGV[2])

local function should_write()
    if kind == 'DELETE' then
        return true -- the row is gone, whatever version the cache held
    end
    local stored = redis.call('GET', KEYS[1])
    if not stored then
        return true
    end
    local ok, current = pcall(cjson.decode, stored)
    if not ok or type(current) ~= 'table' or tonumber(current.version) == nil then
        return true -- not ours (or damaged): replace it
    end
    local tombstone = current.deleted == true
    local older = tonumber(current.version) < version
    if kind == 'FILL' then
        -- a fill read the owner before the delete, or raced a newer change: keep what the binlog wrote
        return older and not tombstone
    end
    -- CHANGE: a re-inserted row starts again at version 1, so an INSERT replaces a tombstone of any version
    return older or (tombstone and ARGV[5] == '1')
end

if should_write() then
    redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
    return 1
end
return 0
