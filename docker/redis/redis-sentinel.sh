#!/bin/sh
# A sentinel: renders sentinel/sentinel.conf (the template SentinelPart renders natively) into /data once, then runs
# on it. From then on the file belongs to the sentinel, which records the current master and its epochs there: a
# restart after a failover must not point it back at the old master.
# SENTINEL_ANNOUNCE_HOSTNAMES=yes hands out names (compose: they survive a recreated container); the default, no,
# hands out IPs (tests reach the containers by IP from the host).
set -eu

config=/data/sentinel.conf
: "${SHOP_REDIS_PASSWORD:?run docker/compose-env.sh once (it writes the suite's secrets into .env), then start again}"
# the template's placeholder for the password the nodes and sentinels ask for
export REDIS_PASSWORD="$SHOP_REDIS_PASSWORD"
umask 077 # the rendered file holds the password
export SENTINEL_BIND="${SENTINEL_BIND:-0.0.0.0}" SENTINEL_DIR=/data
export SENTINEL_ANNOUNCE_IP="${REDIS_ANNOUNCE_HOST:-$(hostname -i | cut -d' ' -f1)}"
: "${SENTINEL_PORT:?set SENTINEL_PORT}" "${REDIS_MASTER_HOST:?set REDIS_MASTER_HOST}" "${REDIS_MASTER_PORT:?set REDIS_MASTER_PORT}"

if [ ! -s "$config" ]; then
    template=/shopsuite/sentinel.conf
    rendered=$(cat "$template")
    for name in $(grep -o '\${[A-Z_]*}' "$template" | tr -d '${}' | sort -u); do
        value=$(printenv "$name") || {
            echo "sentinel/sentinel.conf needs \${$name}; set $name on this container" >&2
            exit 1
        }
        rendered=$(printf '%s\n' "$rendered" | sed "s|\${$name}|$value|g")
    done
    printf '%s\nprotected-mode no\nsentinel announce-hostnames %s\n' "$rendered" \
        "${SENTINEL_ANNOUNCE_HOSTNAMES:-no}" > "$config.new"
    mv "$config.new" "$config"
fi
exec redis-server "$config" --sentinel
