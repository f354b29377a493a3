package org.shopsuite.bench.http;

import java.io.BufferedInputStream;
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
 * sockets and a few hundred bytes of parsing per request, so the generator costs little CPU (it measures and reports
 * its share). It reads what the benchmarks need: the status, {@code X-Cache}, and the body (Content-Length or chunked).
 * When the server closes the connection (Tomcat does every 100 requests) the next request opens a new one.
 * Not thread-safe: one per client thread.
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
        return exchange("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n", null);
    }

    public HttpResponse postJson(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return exchange("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n", body);
    }

    private HttpResponse exchange(String head, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close(); // never reuse a connection in an unknown state
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MS);
        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), CONNECT_TIMEOUT_MS);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = new java.io.BufferedOutputStream(s.getOutputStream(), 2048);
    }

    private HttpResponse readResponse() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        String cache = null;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            } else if (name.equalsIgnoreCase("X-Cache")) {
                cache = value;
            }
        }
        String body;
        if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            body = new String(readExactly((int) contentLength), StandardCharsets.UTF_8);
        } else {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8); // no length: the body ends with the stream
            close = true;
        }
        if (close) {
            close();
        }
        return new HttpResponse(status, cache, body);
    }

    private String readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(readExactly(size));
            readLine(); // the CRLF after each chunk
        }
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
        int c;
        while ((c = in.read()) != '\n') {
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
