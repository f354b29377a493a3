#!/bin/sh
# The Seata coordinator with the options local-stack's SeataPart gives it natively: file config, registry and store,
# per-request INFO logging off. SEATA_HOST is the address it puts in XIDs (default: this container's IP).
set -eu
host=${SEATA_HOST:-$(hostname -i | cut -d' ' -f1)}
exec java -Xms128m -Xmx512m -XX:+UseSerialGC \
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
