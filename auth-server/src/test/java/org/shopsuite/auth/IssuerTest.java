package org.shopsuite.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The issuer in this JVM: it makes its signing key owner-only on first start, publishes it, and its development
 * token endpoint mints tokens with the contract's claims for callers with the secret only. (AuthIT checks the
 * tokens against the real suite.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IssuerTest {

    /** What the token endpoint asks of its callers here: made per run, like the stack's. */
    static final String SECRET = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path secrets;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("shop.auth.signing-key-file", () -> secrets.resolve("signing-key.json").toString());
        registry.add("shop.auth.dev-token.enabled", () -> "true");
        registry.add("shop.auth.dev-token.secret", () -> SECRET);
        registry.add("SHOP_AUTH_DEMO_PASSWORD", () -> java.util.UUID.randomUUID().toString());
        registry.add("spring.security.oauth2.authorizationserver.issuer", () -> "http://issuer.test");
    }

    @Test
    void theSigningKeyIsMadeOwnerOnlyAndPublishedWithoutItsPrivatePart() throws Exception {
        Path key = secrets.resolve("signing-key.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(JSON.readTree(Files.readString(key)).has("d")).isTrue();

        JsonNode published = JSON.readTree(get("/oauth2/jwks").body()).path("keys").get(0);
        assertThat(published.path("kid").asText()).isEqualTo(JSON.readTree(Files.readString(key)).path("kid").asText());
        assertThat(published.has("d")).isFalse();
    }

    @Test
    void aDevelopmentTokenHasTheUserAsSubjectTheAudienceAndAtLeastAnHour() throws Exception {
        HttpResponse<String> response = devToken(SECRET, "user_id=42");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode claims = claims(JSON.readTree(response.body()).path("access_token").asText());
        assertThat(claims.path("sub").asText()).isEqualTo("42");
        assertThat(claims.path("iss").asText()).isEqualTo("http://issuer.test");
        assertThat(audiences(claims)).containsExactly("shopsuite");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isGreaterThanOrEqualTo(3600);
        assertThat(claims.path("scope").toString()).isEqualTo("[]");
    }

    @Test
    void anOperatorsTokenCarriesShopAdmin() throws Exception {
        HttpResponse<String> response = devToken(SECRET, "user_id=7&admin=true");

        assertThat(claims(JSON.readTree(response.body()).path("access_token").asText()).path("scope").toString())
                .isEqualTo("[\"shop.admin\"]");
    }

    @Test
    void withoutTheSecretThereIsNoToken() throws Exception {
        HttpResponse<String> wrong = devToken("not-" + SECRET, "user_id=42");
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(url("/dev/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user_id=42")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.body() + none.body()).doesNotContain("access_token");
    }

    @Test
    void aUserIdMustBeAPositiveInteger() throws Exception {
        for (String bad : new String[] {"0", "-1", "x", "1.5", "99999999999999999999"}) {
            assertThat(devToken(SECRET, "user_id=" + bad).statusCode()).as(bad).isEqualTo(400);
        }
    }

    private HttpResponse<String> devToken(String secret, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url("/dev/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Shop-Dev-Token-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** {@code aud} is a string or an array of them (RFC 7519): one audience is written as a string. */
    private static java.util.List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? java.util.stream.StreamSupport.stream(aud.spliterator(), false).map(JsonNode::asText)
                .toList() : java.util.List.of(aud.asText());
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
