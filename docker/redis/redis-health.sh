#!/bin/sh
# Health of a node or a sentinel, as local-stack judges them natively, a little stricter for sentinels:
# a node is healthy as master, or as a replica synced with its master (so the sentinels find it ready);
# a sentinel once it knows the master and enough sentinels to authorise a failover.
# redis-cli reads the password from REDISCLI_AUTH, so it never shows in a command line.
export REDISCLI_AUTH="${SHOP_REDIS_PASSWORD:-}"
if [ -n "${SENTINEL_PORT:-}" ]; then
    redis-cli -p "$SENTINEL_PORT" SENTINEL ckquorum mymaster | grep -q '^OK'
else
    redis-cli -p "$REDIS_PORT" info replication | grep -Eq '^(role:master|master_link_status:up)'
fi
