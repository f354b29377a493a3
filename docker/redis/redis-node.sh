#!/bin/sh
# Entrypoint of a Redis node: runs the redis-server command compose gives it (master, or replica of redis-1),
# unless the sentinels already name a master. After a failover the sentinels' master wins: a node restarted then
# must follow the master they elected, not the role it was first given (./stack's RedisPart does the same).
# SHOP_REDIS_SENTINELS: host:port,... of the sentinels. The node's own name is its container hostname.
set -eu

self=$(hostname)
for sentinel in $(echo "${SHOP_REDIS_SENTINELS:-}" | tr ',' ' '); do
    # On the very first start no sentinel runs yet: each attempt fails fast and the compose role stands.
    reply=$(timeout 2 redis-cli -h "${sentinel%:*}" -p "${sentinel##*:}" \
        SENTINEL get-master-addr-by-name mymaster 2>/dev/null) || continue
    master_host=$(echo "$reply" | sed -n 1p)
    master_port=$(echo "$reply" | sed -n 2p)
    [ -n "$master_host" ] && [ -n "$master_port" ] || continue
    if [ "$master_host" = "$self" ]; then
        echo "redis-node: the sentinels name this node ($self) the master"
        exec docker-entrypoint.sh "$@" --replicaof no one
    fi
    echo "redis-node: the sentinels name $master_host:$master_port the master; replicating it"
    exec docker-entrypoint.sh "$@" --replicaof "$master_host" "$master_port"
done
exec docker-entrypoint.sh "$@"
