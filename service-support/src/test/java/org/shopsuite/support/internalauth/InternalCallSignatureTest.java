package org.shopsuite.support.internalauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.internalauth.InternalCallSignature;

/** The service credential: a signature is good for exactly the request it was made for, near its time. */
class InternalCallSignatureTest {

    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final String PATH = "/internal/accounts/7/xa-debits";
    static final String XID = "127.0.0.1:8091:42";
    static final byte[] BODY = "{\"amount\": 50}".getBytes(StandardCharsets.UTF_8);

    static InternalCallKey key(String base64, Instant at) {
        return InternalCallKey.fromEnvironment(base64, Clock.fixed(at, ZoneOffset.UTC));
    }

    static String signed() {
        return key(KEY, NOW).sign("POST", PATH, XID, BODY);
    }

    @Test
    void theSameRequestSignedWithTheSameKeyIsAccepted() {
        assertThat(key(KEY, NOW).refusal(signed(), "POST", PATH, XID, BODY)).isEmpty();
        assertThat(key(KEY, NOW.plusSeconds(60)).refusal(signed(), "POST", PATH, XID, BODY)).isEmpty();
    }

    @Test
    void aSignatureDoesNotCoverAnyOtherRequest() {
        InternalCallKey receiver = key(KEY, NOW);

        assertThat(receiver.refusal(signed(), "POST", PATH, XID, "{\"amount\": 500}".getBytes())).isPresent();
        assertThat(receiver.refusal(signed(), "POST", "/internal/accounts/8/xa-debits", XID, BODY)).isPresent();
        assertThat(receiver.refusal(signed(), "POST", PATH, "127.0.0.1:8091:43", BODY)).isPresent();
        assertThat(receiver.refusal(signed(), "POST", PATH, null, BODY)).isPresent();
        assertThat(receiver.refusal(signed(), "PUT", PATH, XID, BODY)).isPresent();
    }

    @Test
    void anotherKeysSignatureIsRefused() {
        String foreign = key(OTHER_KEY, NOW).sign("POST", PATH, XID, BODY);

        assertThat(key(KEY, NOW).refusal(foreign, "POST", PATH, XID, BODY))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not match"));
    }

    @Test
    void aSignatureMoreThanAMinuteFromTheReceiversClockIsRefused() {
        assertThat(key(KEY, NOW.plusSeconds(61)).refusal(signed(), "POST", PATH, XID, BODY))
                .hasValueSatisfying(reason -> assertThat(reason).contains("more than 60 s"));
        assertThat(key(KEY, NOW.minusSeconds(61)).refusal(signed(), "POST", PATH, XID, BODY)).isPresent();
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        InternalCallKey receiver = key(KEY, NOW);

        assertThat(receiver.refusal(null, "POST", PATH, XID, BODY))
                .hasValueSatisfying(reason -> assertThat(reason).contains("missing"));
        assertThat(receiver.refusal("Bearer abc", "POST", PATH, XID, BODY))
                .hasValueSatisfying(reason -> assertThat(reason).contains("malformed"));
        assertThat(receiver.refusal(signed().replace("sig=", "sig=x"), "POST", PATH, XID, BODY)).isPresent();
    }

    @Test
    void aMissingOrShortKeyStopsTheServiceNamingTheVariable() {
        assertThatThrownBy(() -> key("", NOW)).hasMessageContaining("SHOP_INTERNAL_AUTH_KEY");
        assertThatThrownBy(() -> key(Base64.getEncoder().encodeToString(new byte[16]), NOW))
                .hasMessageContaining("at least " + InternalCallSignature.MIN_KEY_BYTES);
        assertThatThrownBy(() -> key("not base64!", NOW)).hasMessageContaining("not base64");
    }
}
