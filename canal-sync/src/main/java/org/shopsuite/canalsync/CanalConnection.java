package org.shopsuite.canalsync;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.impl.SimpleCanalConnector;
import com.alibaba.otter.canal.protocol.Message;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session with the Canal server: connected, subscribed, and with TCP_NODELAY on. A broken session is closed and
 * replaced by a new one, never repaired: canal.client's connector keeps half-open state after an I/O error.
 */
final class CanalConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CanalConnection.class);

    private final CanalConnector connector;

    private CanalConnection(CanalConnector connector) {
        this.connector = connector;
    }

    /** Connects and subscribes; the server rolls back to the last acked batch, so nothing unacked is lost. */
    static CanalConnection open(CanalSyncProperties canal) {
        // A hung server must not block a read for canal.client's default 60 s; the server drops a client idle for
        // an hour (we poll many times a second, so only a dead client is ever that idle).
        CanalConnector connector = new SimpleCanalConnector(new InetSocketAddress(canal.host(), canal.port()),
                canal.user(), canal.password(),
                canal.destination(), (int) canal.socketTimeout().toMillis(), (int) Duration.ofHours(1).toMillis());
        try {
            connector.connect();
            connector.subscribe(canal.filter());
            disableNagle(connector);
            return new CanalConnection(connector);
        } catch (RuntimeException e) {
            quietlyDisconnect(connector);
            throw e;
        }
    }

    /** The next batch without acking it: empty when nothing new has been written to the binlog. */
    Message next(int batchSize) {
        return connector.getWithoutAck(batchSize);
    }

    void ack(long batchId) {
        connector.ack(batchId);
    }

    /** Asks the server to hand out every unacked batch again. */
    void rollback() {
        connector.rollback();
    }

    @Override
    public void close() {
        quietlyDisconnect(connector);
    }

    /*
     * canal.client writes every request as two packets (length, then body) on a socket with Nagle's algorithm on, so
     * the body waits for the server's delayed ACK: ~44 ms per get/ack round trip instead of < 1 ms (docs/facts.md). The
     * connector offers no way to set socket options and keeps its SocketChannel in a private field, opened anew on
     * every connect, hence reflection, after every connect. Only the field's type is relied on, not its name.
     */
    private static void disableNagle(CanalConnector connector) {
        try {
            for (Class<?> type = connector.getClass(); type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (SocketChannel.class.isAssignableFrom(field.getType())) {
                        field.setAccessible(true);
                        if (field.get(connector) instanceof SocketChannel channel) {
                            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                            return;
                        }
                    }
                }
            }
            log.warn("No socket channel found in {}: TCP_NODELAY stays off and every Canal round trip takes ~44 ms."
                    + " Check that canal.client is version 1.1.8 as the parent pom says.",
                    connector.getClass().getName());
        } catch (ReflectiveOperationException | RuntimeException | IOException e) {
            log.warn("Could not set TCP_NODELAY on the Canal connection ({}): every round trip takes ~44 ms."
                    + " Check that canal.client is version 1.1.8 as the parent pom says.", e.toString());
        }
    }

    private static void quietlyDisconnect(CanalConnector connector) {
        try {
            connector.disconnect();
        } catch (RuntimeException e) {
            log.debug("Disconnecting from Canal failed; the session is dropped anyway", e);
        }
    }
}
