package org.shopsuite.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalPacket.Ack;
import com.alibaba.otter.canal.protocol.CanalPacket.ClientAuth;
import com.alibaba.otter.canal.protocol.CanalPacket.Get;
import com.alibaba.otter.canal.protocol.CanalPacket.Handshake;
import com.alibaba.otter.canal.protocol.CanalPacket.Packet;
import com.alibaba.otter.canal.protocol.CanalPacket.PacketType;
import com.alibaba.otter.canal.protocol.SecurityUtil;
import com.alibaba.otter.canal.protocol.exception.CanalClientException;
import com.google.protobuf.ByteString;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.CanalPart;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * The Canal server's port admits only the client with the configured user and password (canal-sync's). Anyone else is
 * refused before it can subscribe (which would replace the destination's table filter for canal-sync too), read the
 * followed changes or ack batches canal-sync has not applied, and the connection is closed, even for a client that
 * ignores the refusal and carries on.
 */
class CanalClientAuthIT {

    static final TestInfrastructure infra = TestInfrastructure.shared();
    /** Every table of every database: what a stranger's subscription would switch the destination to. */
    static final String EVERYTHING = ".*\\..*";

    @Test
    void theConfiguredClientSubscribes() {
        CanalConnector connector = connector(CanalPart.CLIENT_USER, infra.canal().clientPassword());
        try {
            connector.connect();
            connector.subscribe("inventory_db\\.inventory,account_db\\.accounts");
            assertThat(connector.checkValid()).isTrue();
        } finally {
            connector.disconnect();
        }
    }

    @Test
    void aWrongPasswordOrNoneIsRefused() {
        for (String password : new String[] {"not-the-password", ""}) {
            CanalConnector connector = connector(CanalPart.CLIENT_USER, password);
            try {
                assertThatThrownBy(connector::connect).as("password '%s'", password)
                        .isInstanceOf(CanalClientException.class).hasMessageContaining("authentication");
            } finally {
                connector.disconnect();
            }
        }
    }

    @Test
    void aClientIgnoringTheRefusalIsDisconnectedBeforeItSubscribesOrReads() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(infra.host(), infra.canal().port()), 2_000);
            socket.setSoTimeout(5_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());

            Packet handshake = read(in);
            assertThat(handshake.getType()).isEqualTo(PacketType.HANDSHAKE);
            byte[] seed = Handshake.parseFrom(handshake.getBody()).getSeeds().toByteArray();
            write(out, PacketType.CLIENTAUTHENTICATION, ClientAuth.newBuilder()
                    .setUsername(CanalPart.CLIENT_USER)
                    .setPassword(ByteString.copyFromUtf8(scrambled("a guess", seed)))
                    .setDestination(CanalPart.DESTINATION).setClientId("1001").setFilter(EVERYTHING)
                    .build().toByteString());
            Packet reply = read(in);
            assertThat(reply.getType()).isEqualTo(PacketType.ACK);
            assertThat(Ack.parseFrom(reply.getBody()).getErrorCode()).as("the refusal").isPositive();

            // Carry on as if admitted: ask for a batch. The server has closed the connection instead of answering
            // (Canal 1.1.7 alone subscribed this client after sending the error, and would answer).
            try {
                write(out, PacketType.GET, Get.newBuilder().setDestination(CanalPart.DESTINATION).setClientId("1001")
                        .setFetchSize(100).build().toByteString());
                Packet answer = read(in);
                throw new AssertionError("the refused client was answered: " + answer.getType());
            } catch (EOFException | java.net.SocketException closed) {
                // the server closed the connection after the refusal: nothing was subscribed or read
            } catch (SocketTimeoutException open) {
                throw new AssertionError("the refused client's connection stayed open", open);
            }
        }
    }

    private static CanalConnector connector(String user, String password) {
        return CanalConnectors.newSingleConnector(new InetSocketAddress(infra.host(), infra.canal().port()),
                CanalPart.DESTINATION, user, password);
    }

    private static String scrambled(String password, byte[] seed) {
        try {
            return SecurityUtil.byte2HexStr(SecurityUtil.scramble411(password.getBytes(StandardCharsets.UTF_8), seed));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Canal's framing: a 4-byte big-endian length, then the packet. */
    private static Packet read(DataInputStream in) throws IOException {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return Packet.parseFrom(body);
    }

    private static void write(DataOutputStream out, PacketType type, ByteString body) throws IOException {
        byte[] packet = Packet.newBuilder().setType(type).setBody(body).build().toByteArray();
        out.writeInt(packet.length);
        out.write(packet);
        out.flush();
    }
}
