package org.shopsuite.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shopsuite.api.order.OrderMode;

/** The fingerprint tells a replay of an Idempotency-Key (same request) from a misuse of it (another request). */
class OrderRequestTest {

    static final OrderRequest REQUEST = new OrderRequest(1, 2, 3, OrderMode.XA, "key-1");

    @Test
    void theSameRequestHasTheSameFingerprint() {
        assertThat(new OrderRequest(1, 2, 3, OrderMode.XA, "key-1").fingerprint()).isEqualTo(REQUEST.fingerprint());
    }

    @Test
    void theKeyItselfIsNotPartOfIt() {
        // a client that lost its key's answer and retries the same order with a fresh key makes the same fingerprint
        assertThat(new OrderRequest(1, 2, 3, OrderMode.XA, "key-2").fingerprint()).isEqualTo(REQUEST.fingerprint());
        assertThat(new OrderRequest(1, 2, 3, OrderMode.XA, null).fingerprint()).isEqualTo(REQUEST.fingerprint());
    }

    @Test
    void everyFieldOfTheOrderChangesIt() {
        assertThat(new OrderRequest(9, 2, 3, OrderMode.XA, "key-1").fingerprint()).isNotEqualTo(REQUEST.fingerprint());
        assertThat(new OrderRequest(1, 9, 3, OrderMode.XA, "key-1").fingerprint()).isNotEqualTo(REQUEST.fingerprint());
        assertThat(new OrderRequest(1, 2, 9, OrderMode.XA, "key-1").fingerprint()).isNotEqualTo(REQUEST.fingerprint());
        assertThat(new OrderRequest(1, 2, 3, OrderMode.TCC, "key-1").fingerprint()).isNotEqualTo(REQUEST.fingerprint());
    }

    @Test
    void fieldsDoNotRunIntoEachOther() {
        // user 12 product 3 is not user 1 product 23
        assertThat(new OrderRequest(12, 3, 4, OrderMode.XA, null).fingerprint())
                .isNotEqualTo(new OrderRequest(1, 23, 4, OrderMode.XA, null).fingerprint());
    }

    @Test
    void itIsAHexSha256ThatFitsTheColumn() {
        assertThat(REQUEST.fingerprint()).hasSize(64).matches("[0-9a-f]{64}");
    }
}
