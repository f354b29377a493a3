package org.shopsuite.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CacheJsonTest {

    @Test
    void productIsItsPublicViewPlusVersionWithThePriceAsADecimalString() {
        ProductView product = new ProductView(1, "Product A", new BigDecimal("10.00"), 100, 3);

        String json = CacheJson.write(product);

        assertThat(json).isEqualTo("{\"productId\":1,\"name\":\"Product A\",\"price\":\"10.00\",\"stock\":100,\"version\":3}");
        assertThat(CacheJson.read(CacheKey.product(1), json)).isEqualTo(product);
    }

    @Test
    void accountIsKeyedByUserIdWithTheBalanceAsADecimalString() {
        AccountView account = new AccountView(1, new BigDecimal("1000.00"), 2);

        String json = CacheJson.write(account);

        assertThat(json).isEqualTo("{\"userId\":1,\"balance\":\"1000.00\",\"version\":2}");
        assertThat(CacheJson.read(CacheKey.account(1), json)).isEqualTo(account);
    }

    @Test
    void amountsKeepEveryDigitAndNeverUseExponents() {
        AccountView large = new AccountView(7, new BigDecimal("1E+3").setScale(2), 1);
        AccountView exact = new AccountView(8, new BigDecimal("0.10"), 1);

        assertThat(CacheJson.write(large)).contains("\"balance\":\"1000.00\"");
        assertThat(CacheJson.read(CacheKey.account(8), CacheJson.write(exact))).isEqualTo(exact);
    }

    @Test
    void deletedRowIsATombstoneWithItsLastVersion() {
        String json = CacheJson.write(new Tombstone(5));

        assertThat(json).isEqualTo("{\"deleted\":true,\"version\":5}");
        assertThat(CacheJson.read(CacheKey.product(1), json)).isEqualTo(new Tombstone(5));
        assertThat(CacheJson.read(CacheKey.account(1), json)).isEqualTo(new Tombstone(5));
    }

    @Test
    void fieldsAddedByANewerWriterAreIgnored() {
        String json = "{\"productId\":2,\"name\":\"B\",\"price\":\"20.00\",\"stock\":50,\"version\":1,\"colour\":\"red\"}";

        assertThat(CacheJson.read(CacheKey.product(2), json))
                .isEqualTo(new ProductView(2, "B", new BigDecimal("20.00"), 50, 1));
    }

    @Test
    void somethingElseUnderACacheKeyIsReportedWithTheKey() {
        assertThatThrownBy(() -> CacheJson.read(CacheKey.product(3), "not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shop:product:3");
    }
}
