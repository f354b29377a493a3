package org.shopsuite.gateway.clientaddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxies whose {@code X-Forwarded-For} the gateway believes: the names or addresses an operator configured
 * ({@code SHOP_TRUSTED_PROXIES}; compose: {@code nginx}), resolved now and again in the background, since a proxy may
 * start after the gateway or move to another address. Nothing configured (the native stack, where clients reach the
 * gateways directly) means nobody is believed, loopback included: any local process could otherwise name any address.
 */
public final class TrustedProxies implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);

    private final List<String> names;
    private final Set<String> unresolved = ConcurrentHashMap.newKeySet();
    private volatile Set<InetAddress> addresses = Set.of();
    private final Thread refresher;

    public TrustedProxies(List<String> names, Duration refreshEvery) {
        this.names = names.stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
        resolve();
        refresher = this.names.isEmpty() ? null : Thread.ofVirtual().name("trusted-proxies").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(refreshEvery);
                } catch (InterruptedException e) {
                    return;
                }
                resolve();
            }
        });
    }

    /** Whether a request from this peer address may say who its client is. */
    public boolean trusts(String peer) {
        if (addresses.isEmpty() || peer == null) {
            return false;
        }
        for (InetAddress proxy : addresses) {
            if (proxy.getHostAddress().equals(peer)) {
                return true;
            }
        }
        return false;
    }

    public List<String> names() {
        return names;
    }

    private void resolve() {
        Set<InetAddress> resolved = new HashSet<>();
        for (String name : names) {
            try {
                resolved.addAll(List.of(InetAddress.getAllByName(name)));
                if (unresolved.remove(name)) {
                    log.info("trusted proxy {} resolves now; its X-Forwarded-For is believed", name);
                }
            } catch (UnknownHostException e) {
                if (unresolved.add(name)) {
                    log.warn("trusted proxy {} does not resolve (yet): until it does, requests through it count as"
                            + " coming from the proxy's own address. Check SHOP_TRUSTED_PROXIES", name);
                }
            }
        }
        addresses = Set.copyOf(resolved);
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.interrupt();
        }
    }
}
