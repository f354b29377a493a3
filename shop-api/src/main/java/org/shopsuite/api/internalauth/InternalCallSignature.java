package org.shopsuite.api.internalauth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service credential on calls to {@code /internal/**}: header {@value #HEADER}, {@code t=<unix seconds>;
 * sig=<base64url HMAC-SHA256>}, signed with the suite's shared key over the request that carries it:
 * <pre>
 * v1 \n t \n METHOD \n path?query \n TX_XID (empty if none) \n base64url(SHA-256(body))
 * </pre>
 * The key itself never travels. A signature is good for one request (its method, path, global transaction and body)
 * and for {@link #MAX_SKEW_SECONDS} around its time: a copy taken off the wire cannot debit another account, another
 * amount or in another global transaction, and is useless a minute later.
 */
public final class InternalCallSignature {

    public static final String HEADER = "X-Shop-Internal-Auth";
    /** How far a signature's time may be from the receiver's clock, either way. */
    public static final long MAX_SKEW_SECONDS = 60;
    /** Shortest key accepted: 256 bits, HMAC-SHA256's own strength. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern FORMAT = Pattern.compile("t=(\\d{1,12});sig=([A-Za-z0-9_-]{43})");

    private InternalCallSignature() {
    }

    /** The key from its base64 form (as SHOP_INTERNAL_AUTH_KEY holds it); refuses short or malformed keys. */
    public static byte[] decodeKey(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("the internal-call key is empty");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the internal-call key is not base64: " + e.getMessage());
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the internal-call key has " + key.length + " bytes; at least "
                    + MIN_KEY_BYTES + " are needed (e.g. `openssl rand -base64 32`)");
        }
        return key;
    }

    /** The header value for a request made at {@code epochSecond}. {@code xid} may be null (none). */
    public static String sign(byte[] key, long epochSecond, String method, String pathAndQuery, String xid,
                              byte[] body) {
        return "t=" + epochSecond + ";sig=" + mac(key, epochSecond, method, pathAndQuery, xid, body);
    }

    /**
     * Why the request must be refused, or empty when {@code header} is a good signature of it. Reasons are safe to
     * send back: they never contain the expected signature.
     */
    public static Optional<String> refusal(byte[] key, String header, long nowEpochSecond, String method,
                                           String pathAndQuery, String xid, byte[] body) {
        if (header == null || header.isBlank()) {
            return Optional.of("the service credential (header " + HEADER + ") is missing");
        }
        Matcher parsed = FORMAT.matcher(header.trim());
        if (!parsed.matches()) {
            return Optional.of("header " + HEADER + " is malformed (expected t=<unix seconds>;sig=<signature>)");
        }
        long time = Long.parseLong(parsed.group(1));
        if (Math.abs(nowEpochSecond - time) > MAX_SKEW_SECONDS) {
            return Optional.of("the service credential was made at " + time + ", more than " + MAX_SKEW_SECONDS
                    + " s from this service's clock (" + nowEpochSecond + ")");
        }
        byte[] expected = mac(key, time, method, pathAndQuery, xid, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = parsed.group(2).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.empty()
                : Optional.of("the service credential does not match this request or this suite's key");
    }

    private static String mac(byte[] key, long epochSecond, String method, String pathAndQuery, String xid,
                              byte[] body) {
        String canonical = String.join("\n", "v1", String.valueOf(epochSecond), method, pathAndQuery,
                xid == null ? "" : xid, base64Url(sha256(body == null ? new byte[0] : body)));
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return base64Url(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is unavailable in this JVM", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
