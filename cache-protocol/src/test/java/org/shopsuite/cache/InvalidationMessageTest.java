package org.shopsuite.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class InvalidationMessageTest {

    @Test
    void namesTheKindTheIdAndTheVersionThatReachedRedis() {
        InvalidationMessage message = InvalidationMessage.of(CachedRow.of(new ProductView(1, "A", BigDecimal.TEN, 5, 3)));

        assertThat(message.toJson()).isEqualTo("{\"kind\":\"product\",\"id\":1,\"version\":3}");
        assertThat(message.key()).isEqualTo(CacheKey.product(1));
    }

    @Test
    void readsBackFromItsJson() {
        InvalidationMessage message = InvalidationMessage.fromJson("{\"kind\":\"account\",\"id\":2,\"version\":9}");

        assertThat(message).isEqualTo(new InvalidationMessage(CacheKey.Kind.ACCOUNT, 2, 9));
        assertThat(message.key().redisKey()).isEqualTo("shop:account:2");
    }

    @Test
    void aDeleteIsAnnouncedWithTheTombstonesVersion() {
        InvalidationMessage message = InvalidationMessage.of(CachedRow.tombstone(CacheKey.account(5), 7));

        assertThat(message).isEqualTo(new InvalidationMessage(CacheKey.Kind.ACCOUNT, 5, 7));
    }
}
