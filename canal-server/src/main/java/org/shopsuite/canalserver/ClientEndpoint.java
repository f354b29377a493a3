package org.shopsuite.canalserver;

import com.alibaba.otter.canal.server.embedded.CanalServerWithEmbedded;
import com.alibaba.otter.canal.server.netty.handler.ClientAuthenticationHandler;
import com.alibaba.otter.canal.server.netty.handler.FixedHeaderFrameDecoder;
import com.alibaba.otter.canal.server.netty.handler.HandshakeInitializationHandler;
import com.alibaba.otter.canal.server.netty.handler.SessionHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import org.jboss.netty.bootstrap.ServerBootstrap;
import org.jboss.netty.channel.Channel;
import org.jboss.netty.channel.ChannelPipeline;
import org.jboss.netty.channel.Channels;
import org.jboss.netty.channel.group.ChannelGroup;
import org.jboss.netty.channel.group.DefaultChannelGroup;
import org.jboss.netty.channel.socket.nio.NioServerSocketChannelFactory;

/**
 * The TCP port Canal clients connect to: Canal's own protocol handlers (frames, handshake, session), with
 * {@link ClientAuthentication} in place of Canal's authentication step. It replaces Canal's {@code CanalServerWithNetty},
 * whose pipeline cannot be changed. Handlers keep the names Canal's handshake handler looks them up by.
 */
final class ClientEndpoint {

    private final CanalServerWithEmbedded server;
    private final ChannelGroup clients = new DefaultChannelGroup("canal-clients");
    private ServerBootstrap bootstrap;
    private Channel listening;

    ClientEndpoint(CanalServerWithEmbedded server) {
        this.server = server;
    }

    /** Listens on host:port; throws Netty's {@code ChannelException} when the port cannot be bound. */
    synchronized void start(String host, int port) {
        bootstrap = new ServerBootstrap(new NioServerSocketChannelFactory(Executors.newCachedThreadPool(),
                Executors.newCachedThreadPool()));
        bootstrap.setOption("child.keepAlive", true);
        bootstrap.setOption("child.tcpNoDelay", true); // replies leave at once; canal-sync sets it on its side too
        bootstrap.setPipelineFactory(() -> {
            ChannelPipeline pipeline = Channels.pipeline();
            pipeline.addLast(FixedHeaderFrameDecoder.class.getName(), new FixedHeaderFrameDecoder());
            pipeline.addLast(HandshakeInitializationHandler.class.getName(), new HandshakeInitializationHandler(clients));
            pipeline.addLast(ClientAuthenticationHandler.class.getName(), new ClientAuthentication(server));
            pipeline.addLast(SessionHandler.class.getName(), new SessionHandler(server));
            return pipeline;
        });
        try {
            listening = bootstrap.bind(new InetSocketAddress(host, port));
        } catch (RuntimeException e) {
            bootstrap.releaseExternalResources();
            bootstrap = null;
            throw e;
        }
    }

    synchronized boolean isListening() {
        return listening != null && listening.isBound();
    }

    /** Closes the port and every client connection, then stops the embedded server (which flushes positions). */
    synchronized void stop() {
        if (listening != null) {
            listening.close().awaitUninterruptibly(1000);
            listening = null;
        }
        clients.close().awaitUninterruptibly(5000);
        if (bootstrap != null) {
            bootstrap.releaseExternalResources();
            bootstrap = null;
        }
        if (server.isStart()) {
            server.stop();
        }
    }
}
