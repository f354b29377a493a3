package org.shopsuite.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

    @Test
    void productsAreKeyedByProductIdAndAccountsByUserId() {
        assertThat(CacheKey.product(1).redisKey()).isEqualTo("shop:product:1");
        assertThat(CacheKey.account(42).redisKey()).isEqualTo("shop:account:42");
        assertThat(CachedRow.of(new AccountView(42, BigDecimal.ONE, 1)).key()).isEqualTo(CacheKey.account(42));
    }

    @Test
    void aRedisKeyParsesBackToItsCacheKey() {
        assertThat(CacheKey.parse("shop:product:17")).isEqualTo(CacheKey.product(17));
        assertThat(CacheKey.parse("shop:account:2")).isEqualTo(CacheKey.account(2));
        assertThatThrownBy(() -> CacheKey.parse("shop:order:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheKey.parse("other:product:1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aViewCannotBeCachedUnderAnotherRowsKey() {
        ProductView product = new ProductView(1, "A", BigDecimal.TEN, 1, 1);

        assertThatThrownBy(() -> new CachedRow(CacheKey.product(2), product)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CachedRow(CacheKey.account(1), product)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyADeleteWritesATombstone() {
        CachedRow tombstone = CachedRow.tombstone(CacheKey.product(1), 4);

        assertThat(CacheWrite.delete(CacheKey.product(1), 4).row()).isEqualTo(tombstone);
        assertThatThrownBy(() -> CacheWrite.fill(tombstone)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheWrite.change(tombstone)).isInstanceOf(IllegalArgumentException.class);
    }
}
