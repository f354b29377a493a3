package org.shopsuite.systemtest.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser application does to get a token from the issuer: the authorization code flow with PKCE as the
 * public client {@code shop-web}, signing in on the issuer's form. Cookies kept, redirects followed by hand.
 */
final class BrowserSignIn {

    static final String CLIENT_ID = "shop-web";
    /** The client's registered redirect address (auth-server's application.yml, SHOP_AUTH_REDIRECT_URIS). */
    static final String REDIRECT_URI = "http://127.0.0.1:3000/callback";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private final String issuer;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();

    BrowserSignIn(String issuer) {
        this.issuer = issuer;
    }

    /** Signs in as this user and returns the access token the client gets for its code. */
    String signIn(String username, String password) throws Exception {
        String verifier = base64Url(random(32));
        String challenge = base64Url(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = URI.create(issuer + "/oauth2/authorize?response_type=code&client_id=" + CLIENT_ID
                + "&scope=openid&state=st4te&redirect_uri=" + encode(REDIRECT_URI) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256");

        HttpResponse<String> toLogin = get(authorize);
        require(toLogin.statusCode() == 302, "authorize should send to the sign-in form", toLogin);
        URI login = authorize.resolve(location(toLogin));
        HttpResponse<String> form = get(login);
        Matcher csrf = CSRF.matcher(form.body());
        require(form.statusCode() == 200 && csrf.find(), "the sign-in form with its CSRF token", form);

        HttpResponse<String> signedIn = post(login, "username=" + encode(username) + "&password=" + encode(password)
                + "&_csrf=" + encode(csrf.group(1)));
        require(signedIn.statusCode() == 302 && !location(signedIn).contains("error"), "signed in", signedIn);
        HttpResponse<String> toClient = get(login.resolve(location(signedIn)));
        require(toClient.statusCode() == 302 && location(toClient).startsWith(REDIRECT_URI),
                "the redirect back to the client with a code", toClient);
        Matcher code = CODE.matcher(location(toClient));
        require(code.find() && location(toClient).contains("state=st4te"), "a code and the state", toClient);

        HttpResponse<String> token = post(URI.create(issuer + "/oauth2/token"), "grant_type=authorization_code"
                + "&code=" + code.group(1) + "&redirect_uri=" + encode(REDIRECT_URI) + "&client_id=" + CLIENT_ID
                + "&code_verifier=" + verifier);
        require(token.statusCode() == 200, "a token for the code and the PKCE verifier", token);
        return new ObjectMapper().readTree(token.body()).path("access_token").asText();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Accept", "text/html")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static void require(boolean condition, String expected, HttpResponse<String> response) {
        if (!condition) {
            throw new AssertionError("expected " + expected + ", got " + response.statusCode() + " "
                    + response.headers().map() + " " + response.body());
        }
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
