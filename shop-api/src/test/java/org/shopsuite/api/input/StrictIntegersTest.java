package org.shopsuite.api.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictIntegersTest {

    @Test
    void decimalIntegersAreRead() {
        assertThat(StrictIntegers.parseLong("42")).isEqualTo(42L);
        assertThat(StrictIntegers.parseLong("-3")).isEqualTo(-3L);
        assertThat(StrictIntegers.parseLong("0")).isZero();
        assertThat(StrictIntegers.parseLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(StrictIntegers.parseInt("2147483647")).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "1e3", "0x10", "+1", " 1", "1 ", "007", "", "-", "9223372036854775808",
            "99999999999999999999", "1_000", "١"})
    void anythingElseIsRefused(String text) {
        assertThatThrownBy(() -> StrictIntegers.parseLong(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void anIntOutOfRangeIsRefused() {
        assertThatThrownBy(() -> StrictIntegers.parseInt("2147483648")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void idsArePositiveLongs() {
        assertThat(StrictIntegers.isId("1")).isTrue();
        assertThat(StrictIntegers.isId("2147483648")).isTrue();
        assertThat(StrictIntegers.isId("9223372036854775807")).isTrue();
        for (String notAnId : new String[] {"0", "-1", "9223372036854775808", "007", "1.0", "", null}) {
            assertThat(StrictIntegers.isId(notAnId)).as(String.valueOf(notAnId)).isFalse();
        }
    }
}
