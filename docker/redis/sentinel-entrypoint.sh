#!/bin/sh
# Entrypoint of a sentinel: renders sentinel/sentinel.conf (the template ./stack renders natively, mounted at
# /shopsuite/sentinel.conf) with this container's environment into its volume, once, then runs the sentinel on it.
# From then on the file belongs to the sentinel, which records the current master and its epochs there: a restart
# after a failover must not point it back at the old master.
set -eu

template=/shopsuite/sentinel.conf
config="$SENTINEL_DIR/sentinel.conf"

if [ ! -s "$config" ]; then
    rendered=$(cat "$template")
    for name in $(grep -o '\${[A-Z_]*}' "$template" | tr -d '${}' | sort -u); do
        value=$(printenv "$name") || {
            echo "sentinel/sentinel.conf needs \${$name}; set $name on this container (docker-compose.yml)" >&2
            exit 1
        }
        rendered=$(printf '%s\n' "$rendered" | sed "s|\${$name}|$value|g")
    done
    # Hand out the names the other containers resolve (redis-1, sentinel-2, ...), not container IPs, which
    # change when a container is recreated. The template already resolves hostnames.
    printf '%s\nsentinel announce-hostnames yes\n' "$rendered" > "$config.new"
    mv "$config.new" "$config"
fi

# The image's entrypoint hands the volume to the redis user and drops root before starting the sentinel.
exec docker-entrypoint.sh redis-server "$config" --sentinel
