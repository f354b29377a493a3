package org.shopsuite.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.Tombstone;
import org.shopsuite.cache.VersionedCacheWriter;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

class L2CacheTest {

    static final CacheKey KEY = CacheKey.account(4);
    static final AccountView V3 = new AccountView(4, new BigDecimal("12.50"), 3);

    final StringRedisTemplate redis = mock(StringRedisTemplate.class);
    @SuppressWarnings("unchecked")
    final ValueOperations<String, String> values = mock(ValueOperations.class);
    final VersionedCacheWriter writer = mock(VersionedCacheWriter.class);
    final RedisCircuitBreaker breaker = new RedisCircuitBreaker(Duration.ofMinutes(1));
    final L2Cache l2 = new L2Cache(redis, writer, breaker, new CacheMetrics(new SimpleMeterRegistry()));

    {
        when(redis.opsForValue()).thenReturn(values);
    }

    @Test
    void readsCacheProtocolJson() {
        when(values.get("shop:account:4")).thenReturn("{\"userId\":4,\"balance\":\"12.50\",\"version\":3}");

        assertThat(l2.read(KEY)).contains(V3);
    }

    @Test
    void aTombstoneIsReadAsNoSuchRow() {
        when(values.get("shop:account:4")).thenReturn("{\"deleted\":true,\"version\":3}");

        assertThat(l2.read(KEY)).contains(new Tombstone(3));
    }

    @Test
    void somethingThatIsNotOursIsAMiss() {
        when(values.get("shop:account:4")).thenReturn("not json");

        assertThat(l2.read(KEY)).isEmpty();
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void aFailingRedisIsAMissAndOpensTheBreakerSoTheNextReadSkipsIt() {
        when(values.get("shop:account:4")).thenThrow(new RedisConnectionFailureException("refused"));

        assertThat(l2.read(KEY)).isEmpty();
        assertThat(breaker.isOpen()).isTrue();
        assertThat(l2.read(KEY)).isEmpty();
        verify(values, times(1)).get(any());
    }

    @Test
    void aFillGoesThroughTheVersionedWriter() {
        when(writer.fill(new CachedRow(KEY, V3))).thenReturn(true, false);

        assertThat(l2.fill(KEY, V3)).isEqualTo(FillOutcome.WRITTEN);
        assertThat(l2.fill(KEY, V3)).isEqualTo(FillOutcome.REFUSED);
    }

    @Test
    void neitherNoSuchRowNorARowWithoutVersionIsEverFilled() {
        assertThat(l2.fill(KEY, new Tombstone(RowOwner.UNKNOWN_VERSION))).isEqualTo(FillOutcome.SKIPPED);
        assertThat(l2.fill(KEY, new AccountView(4, BigDecimal.ONE, RowOwner.UNKNOWN_VERSION)))
                .isEqualTo(FillOutcome.SKIPPED);
        verifyNoInteractions(writer);
    }
}
