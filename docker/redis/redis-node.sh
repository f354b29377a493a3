#!/bin/sh
# A Redis node with RedisPart's settings: AOF, no RDB snapshots, immediate replica sync. It starts as master, or as
# replica of REDIS_REPLICA_OF, unless the sentinels (SHOP_REDIS_SENTINELS, host:port,...) already name a master:
# after a failover their master wins, so a restarted old master comes back as a replica of the new one.
set -eu

port=${REDIS_PORT:?set REDIS_PORT}
: "${SHOP_REDIS_PASSWORD:?run docker/compose-env.sh once (it writes the suite's secrets into .env), then start again}"
# redis-cli reads the password from here, so it never shows in a command line
export REDISCLI_AUTH="$SHOP_REDIS_PASSWORD"
self=${REDIS_ANNOUNCE_HOST:-$(hostname -i | cut -d' ' -f1)}
role=""
if [ -n "${REDIS_REPLICA_OF:-}" ]; then
    role="--replicaof ${REDIS_REPLICA_OF%:*} ${REDIS_REPLICA_OF##*:}"
fi
for sentinel in $(echo "${SHOP_REDIS_SENTINELS:-}" | tr ',' ' '); do
    # On the very first start no sentinel runs yet: each attempt fails fast and the given role stands.
    reply=$(timeout 2 redis-cli -h "${sentinel%:*}" -p "${sentinel##*:}" \
        SENTINEL get-master-addr-by-name mymaster 2>/dev/null) || continue
    master_host=$(echo "$reply" | sed -n 1p)
    master_port=$(echo "$reply" | sed -n 2p)
    [ -n "$master_host" ] && [ -n "$master_port" ] || continue
    if [ "$master_host" = "$self" ] && [ "$master_port" = "$port" ]; then
        echo "redis-node: the sentinels name this node ($self:$port) the master"
        role=""
    else
        echo "redis-node: the sentinels name $master_host:$master_port the master; replicating it"
        role="--replicaof $master_host $master_port"
    fi
    break
done
# Clients AUTH with the password, and so does this node to its master when it is (or becomes) a replica. In a file,
# not on the command line, where every process in the container could read it; written afresh on every start.
auth=/tmp/redis-auth.conf
(umask 077 && printf 'requirepass %s\nmasterauth %s\n' "$SHOP_REDIS_PASSWORD" "$SHOP_REDIS_PASSWORD" > "$auth")
# shellcheck disable=SC2086  # $role is two or three words on purpose
exec redis-server "$auth" --port "$port" --bind "${REDIS_BIND:-0.0.0.0}" --protected-mode no --dir /data --daemonize no \
    --appendonly yes --appendfsync everysec --save "" --repl-diskless-sync-delay 0 \
    --replica-announce-ip "$self" $role
