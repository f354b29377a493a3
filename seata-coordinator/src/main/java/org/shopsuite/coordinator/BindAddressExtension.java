package org.shopsuite.coordinator;

import io.netty.bootstrap.ChannelInitializerExtension;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ServerChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Makes the Seata coordinator listen on one address instead of all of them. Seata 2.0.0 binds its RPC port with
 * {@code bind(port)}, that is on every interface, and has no setting against it (its {@code -h} only names the
 * address it registers). This Netty extension (enabled with {@code -Dio.netty.bootstrap.extensions=serviceload})
 * rewrites a wildcard bind of any server channel to {@code -Dshop.seata.bind-address}, keeping the port.
 * Without that property it changes nothing.
 */
public final class BindAddressExtension extends ChannelInitializerExtension {

    static final String PROPERTY = "shop.seata.bind-address";

    @Override
    public void postInitializeServerListenerChannel(ServerChannel channel) {
        String address = System.getProperty(PROPERTY, "").trim();
        if (!address.isEmpty()) {
            channel.pipeline().addFirst("shop-bind-address", new RewriteWildcardBind(address));
        }
    }

    private static final class RewriteWildcardBind extends ChannelOutboundHandlerAdapter {

        private final String address;

        RewriteWildcardBind(String address) {
            this.address = address;
        }

        @Override
        public void bind(ChannelHandlerContext ctx, SocketAddress requested, ChannelPromise promise) {
            SocketAddress local = requested;
            if (requested instanceof InetSocketAddress inet && inet.getAddress() != null
                    && inet.getAddress().isAnyLocalAddress()) {
                local = new InetSocketAddress(address, inet.getPort());
            }
            ctx.bind(local, promise);
        }
    }
}
