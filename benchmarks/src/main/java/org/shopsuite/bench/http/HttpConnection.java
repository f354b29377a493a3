package org.shopsuite.bench.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One client's HTTP/1.1 connection, kept alive across requests: the load generator's only HTTP client. Blocking
 * sockets and a few hundred bytes of parsing per request, so the generator costs little CPU: 4-11x less per request
 * than the JDK's HttpClient ({@code ./stack bench --client-cost}, BENCHMARKS.md). It reads what the benchmarks need:
 * the status, {@code X-Cache}, and the body (Content-Length or chunked). When the server closes the connection
 * (Tomcat does every 100 requests) the next request opens a new one. Not thread-safe: one per client thread.
 */
public final class HttpConnection implements Closeable {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    private final URI base;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public HttpConnection(URI base) {
        this.base = base;
        this.hostHeader = base.getHost() + ":" + base.getPort();
    }

    public URI base() {
        return base;
    }

    public HttpResponse get(String path) throws IOException {
        return get(path, null);
    }

    /** @param authorization the {@code Authorization} header's value ({@code Bearer <token>}), or null for none */
    public HttpResponse get(String path, String authorization) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + header(authorization) + "\r\n",
                new byte[0]);
    }

    public HttpResponse postJson(String path, String json) throws IOException {
        return postJson(path, json, null);
    }

    public HttpResponse postJson(String path, String json, String authorization) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return exchange("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                + header(authorization) + "\r\n", body);
    }

    private static String header(String authorization) {
        return authorization == null ? "" : "Authorization: " + authorization + "\r\n";
    }

    private HttpResponse exchange(String head, byte[] body) throws IOException {
        try {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(READ_TIMEOUT_MS);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), CONNECT_TIMEOUT_MS);
                in = new BufferedInputStream(socket.getInputStream(), 8192);
                out = new BufferedOutputStream(socket.getOutputStream(), 2048);
            }
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close(); // never reuse a connection in an unknown state
            throw e;
        }
    }

    private HttpResponse readResponse() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String cache = null;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim();
            String value = colon < 0 ? "" : line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            } else if (name.equalsIgnoreCase("X-Cache")) {
                cache = value;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        if (chunked) {
            for (int size; (size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) > 0; readLine()) {
                body.write(readExactly(size)); // then the CRLF after the chunk
            }
            while (!readLine().isEmpty()) {
                // trailers: none expected, skipped
            }
        } else if (length >= 0) {
            body.write(readExactly((int) length));
        } else {
            body.write(in.readAllBytes()); // no length: the body ends with the stream
            close = true;
        }
        if (close) {
            close();
        }
        return new HttpResponse(Integer.parseInt(statusLine.substring(9, 12)), cache,
                body.toString(StandardCharsets.UTF_8));
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("connection closed after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed by " + base);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket we are giving up on anyway
            }
            socket = null;
        }
    }
}
