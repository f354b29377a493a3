#!/bin/sh
# The Seata coordinator with the options local-stack's SeataPart gives it natively: file config, registry and store,
# per-request INFO logging off. SEATA_HOST is the address it puts in XIDs (default: this container's IP).
# SEATA_BIND (default: every interface) is the one address its RPC port and console listen on, through the
# seata-coordinator module's Netty extension, as natively.
set -eu
host=${SEATA_HOST:-$(hostname -i | cut -d' ' -f1)}
# The console's login and the key it signs login tokens with, by environment (not -D: the process list would show
# them). Without them the console takes Seata's built-in, published ones. README, "Secrets".
export CONSOLE_USER_USERNAME=seata
export CONSOLE_USER_PASSWORD="${SHOP_SEATA_CONSOLE_PASSWORD:?run docker/compose-env.sh once (it writes the suite's secrets into .env), then start again}"
export SEATA_SECURITY_SECRETKEY="${SHOP_SEATA_CONSOLE_TOKEN_KEY:?run docker/compose-env.sh once (it writes the suite's secrets into .env), then start again}"
bind=""
if [ -n "${SEATA_BIND:-}" ]; then
    bind="-Dio.netty.bootstrap.extensions=serviceload -Dshop.seata.bind-address=$SEATA_BIND -Dserver.address=$SEATA_BIND"
fi
# shellcheck disable=SC2086  # $JAVA_OPTS (the image's, docker/suite/Dockerfile) and $bind are several options each
exec java $JAVA_OPTS $bind \
    -Dserver.port="$SEATA_CONSOLE_PORT" \
    -Dseata.config.type=file \
    -Dseata.registry.type=file \
    -Dseata.store.mode=file \
    -Dseata.store.file.dir=/data/store \
    -Dlog.home=/app/logs \
    -Dlogging.path=/app/logs \
    -Dlogging.level.io.seata.core.rpc.processor.server=WARN \
    -Dlogging.level.io.seata.server.coordinator=WARN \
    -cp '/app/lib/*' \
    io.seata.server.ServerApplication -p "$SEATA_PORT" -h "$host"
