package org.shopsuite.testfixtures;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.shopsuite.api.internalauth.InternalCallSignature;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Internal calls as order-service sends them, for the participants' web slices (MockMvc). */
public final class SignedInternalCalls {

    private SignedInternalCalls() {
    }

    /** A JSON POST signed with this key (base64) over this very request, in this global transaction (or none). */
    public static MockHttpServletRequestBuilder signedPost(String key, String path, String xid, String body) {
        MockHttpServletRequestBuilder call = post(path).header(InternalCallSignature.HEADER, signature(key, path, xid,
                        body))
                .contentType(MediaType.APPLICATION_JSON).content(body);
        return xid == null ? call : call.header("TX_XID", xid);
    }

    /** The signature header's value for such a POST, signed now. */
    public static String signature(String key, String path, String xid, String body) {
        return InternalCallSignature.sign(InternalCallSignature.decodeKey(key), Instant.now().getEpochSecond(), "POST",
                path, xid, body.getBytes(StandardCharsets.UTF_8));
    }
}
