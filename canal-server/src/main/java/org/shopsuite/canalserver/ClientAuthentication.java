package org.shopsuite.canalserver;

import com.alibaba.otter.canal.protocol.CanalPacket.ClientAuth;
import com.alibaba.otter.canal.protocol.CanalPacket.Packet;
import com.alibaba.otter.canal.protocol.CanalPacket.PacketType;
import com.alibaba.otter.canal.server.embedded.CanalServerWithEmbedded;
import com.alibaba.otter.canal.server.netty.NettyUtils;
import com.alibaba.otter.canal.server.netty.handler.ClientAuthenticationHandler;
import com.google.protobuf.InvalidProtocolBufferException;
import org.jboss.netty.buffer.ChannelBuffer;
import org.jboss.netty.channel.ChannelFutureListener;
import org.jboss.netty.channel.ChannelHandlerContext;
import org.jboss.netty.channel.MessageEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Canal's client authentication, made to hold. Canal 1.1.7's own handler answers a wrong user or password with an
 * error packet and then subscribes the client anyway (the check's result only decides whether the error is sent): a
 * client that ignores the error may subscribe, replace the destination's table filter, read every followed change and
 * ack batches. This one checks first, with Canal's own check ({@link CanalServerWithEmbedded#auth}, the MySQL-style
 * scramble against the handshake's seed), and closes the connection after the error; only an authenticated first
 * packet reaches Canal's handler, which then subscribes and hands the channel to the session handler.
 */
final class ClientAuthentication extends ClientAuthenticationHandler {

    private static final Logger log = LoggerFactory.getLogger(ClientAuthentication.class);
    /** Canal's code for a refused authentication. */
    private static final int REFUSED = 400;

    private final CanalServerWithEmbedded server;
    /** The handshake's random seed for this connection, set by Canal's handshake handler once it is sent. */
    private volatile byte[] seed;

    ClientAuthentication(CanalServerWithEmbedded server) {
        super(server);
        this.server = server;
    }

    @Override
    public void setSeed(byte[] seed) {
        this.seed = seed;
        super.setSeed(seed);
    }

    @Override
    public void messageReceived(ChannelHandlerContext ctx, MessageEvent event) throws Exception {
        ChannelBuffer frame = ((ChannelBuffer) event.getMessage()).duplicate(); // Canal's handler reads the original
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        String user = "";
        boolean authenticated = false;
        try {
            Packet packet = Packet.parseFrom(bytes);
            if (packet.getType() == PacketType.CLIENTAUTHENTICATION && seed != null) {
                ClientAuth auth = ClientAuth.parseFrom(packet.getBody());
                user = auth.getUsername();
                authenticated = server.auth(user, auth.getPassword().toStringUtf8(), seed);
            }
        } catch (InvalidProtocolBufferException notAPacket) {
            authenticated = false;
        }
        if (!authenticated) {
            log.warn("refused a Canal client from {} (user '{}'): wrong user or password, or no authentication first;"
                    + " connection closed. Clients use CANAL_CLIENT_USER and CANAL_CLIENT_PASSWORD (canal-sync:"
                    + " SHOP_CANAL_CLIENT_USER, SHOP_CANAL_CLIENT_PASSWORD)", ctx.getChannel().getRemoteAddress(), user);
            NettyUtils.write(ctx.getChannel(), NettyUtils.errorPacket(REFUSED, "authentication failed for user '" + user
                    + "'"), ChannelFutureListener.CLOSE);
            return;
        }
        super.messageReceived(ctx, event);
    }
}
