package org.shopsuite.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Small, dependency-free health probes: a TCP connect, a Redis command, an HTTP GET, a command's exit code. */
public final class Probes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Probes() {
    }

    public static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends one Redis command and returns its reply flattened to lines (simple strings, bulk strings, integers and
     * array elements in order); empty if the server can't be reached or answers with an error.
     */
    public static Optional<List<String>> redis(String host, int port, String... command) {
        return redisAuthenticated(host, port, null, command);
    }

    /** {@link #redis}, after {@code AUTH password} (none if {@code password} is null); empty if AUTH is refused. */
    public static Optional<List<String>> redisAuthenticated(String host, int port, String password, String... command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            if (password != null) {
                send(out, "AUTH", password);
                if (!readReply(in, new ArrayList<>())) {
                    return Optional.empty();
                }
            }
            send(out, command);
            List<String> lines = new ArrayList<>();
            return readReply(in, lines) ? Optional.of(lines) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void send(OutputStream out, String... command) throws IOException {
        StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
        for (String arg : command) {
            request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(arg).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static boolean readReply(BufferedReader in, List<String> into) throws IOException {
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            return false;
        }
        switch (line.charAt(0)) {
            case '+', ':' -> into.add(line.substring(1));
            case '-' -> {
                return false;
            }
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length >= 0) {
                    char[] body = new char[length];
                    int read = 0;
                    while (read < length) {
                        int n = in.read(body, read, length - read);
                        if (n < 0) {
                            return false;
                        }
                        read += n;
                    }
                    in.readLine();
                    into.add(new String(body));
                }
            }
            case '*' -> {
                int count = Integer.parseInt(line.substring(1));
                for (int i = 0; i < count; i++) {
                    if (!readReply(in, into)) {
                        return false;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The value of one {@code field:value} line of a Redis INFO section. */
    public static Optional<String> redisInfo(String host, int port, String section, String field) {
        return redisInfo(host, port, null, section, field);
    }

    /** {@link #redisInfo(String, int, String, String)} on a server that asks for {@code password}. */
    public static Optional<String> redisInfo(String host, int port, String password, String section, String field) {
        return redisAuthenticated(host, port, password, "INFO", section).flatMap(lines -> lines.stream()
                .flatMap(text -> text.lines())
                .filter(l -> l.startsWith(field + ":"))
                .map(l -> l.substring(field.length() + 1).trim())
                .findFirst());
    }

    /** HTTP status of a GET, or -1 if nothing answered. */
    public static int httpStatus(String url) {
        return http(url).map(HttpResponse::statusCode).orElse(-1);
    }

    public static Optional<HttpResponse<String>> http(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Runs a short command; its output (stdout and stderr) goes to {@code output}. Returns the exit code. */
    public static int run(List<String> command, Path input, StringBuilder output, Duration timeout) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (input != null) {
                builder.redirectInput(input.toFile());
            }
            Process process = builder.start();
            byte[] bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                output.append("timed out after ").append(timeout);
                return -1;
            }
            output.append(new String(bytes, StandardCharsets.UTF_8));
            return process.exitValue();
        } catch (IOException e) {
            output.append(e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
