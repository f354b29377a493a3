package org.shopsuite.testfixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * HTTP as the tests' clients speak it to the suite: requests with an optional bearer token, sent over one shared
 * client, answered as a {@link Reply}. A request is built here, given whatever else it needs (headers), and sent with
 * {@link #send} (no answer is an error) or {@link #sendOrNoAnswer} (no answer is a reply with status -1, for tests
 * that stop what they call).
 */
public final class SuiteHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private SuiteHttp() {
    }

    /** A GET with this bearer token ({@code null}: none). */
    public static HttpRequest.Builder get(String url, String token, Duration timeout) {
        return withToken(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET(), token);
    }

    /** A POST of this JSON body with this bearer token ({@code null}: none). */
    public static HttpRequest.Builder post(String url, String json, String token, Duration timeout) {
        return withToken(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** Sends the request; a request that gets no answer is an {@link IllegalStateException}. */
    public static Reply send(HttpRequest.Builder request) {
        return send(request.build());
    }

    public static Reply send(HttpRequest request) {
        try {
            return exchange(request);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
    }

    /** Sends the request; one that gets no answer is a reply with status -1 whose JSON body names the error. */
    public static Reply sendOrNoAnswer(HttpRequest.Builder request) {
        try {
            return exchange(request.build());
        } catch (IOException e) {
            return Reply.noAnswer(e);
        }
    }

    private static Reply exchange(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response as a client sees it; status -1 where none came. */
    public record Reply(int status, String body, Map<String, List<String>> headers) {

        static Reply noAnswer(IOException error) {
            return new Reply(-1, JSON.createObjectNode().put("error", error.toString()).toString(), Map.of());
        }

        /** The first value of a header, by its name in any case; {@code null} where there is none. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** The gateway's X-Cache header (MISS, L1, L2, ...); {@code null} where there is none. */
        public String cache() {
            return header("X-Cache");
        }

        /** The body as JSON: an empty object for an empty body, {@code {"text": body}} for one that is not JSON. */
        public JsonNode json() {
            if (body.isBlank()) {
                return JSON.createObjectNode();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                return JSON.createObjectNode().put("text", body);
            }
        }

        /** Whether this is a problem document (application/problem+json) that gives the response's own status. */
        public boolean isProblem() {
            String type = header("Content-Type");
            return type != null && type.startsWith("application/problem+json")
                    && json().path("status").asInt() == status;
        }

        /** The last segment of a problem's type ({@code .../problems/insufficient-balance}), or "". */
        public String problemSlug() {
            String type = json().path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status + (cache() == null ? "" : " X-Cache=" + cache()) + " " + body;
        }
    }
}
