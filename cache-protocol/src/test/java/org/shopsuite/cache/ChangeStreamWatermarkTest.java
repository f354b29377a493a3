package org.shopsuite.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChangeStreamWatermarkTest {

    @Test
    void isHowFarBehindInItsJson() {
        assertThat(new ChangeStreamWatermark(120).toJson()).isEqualTo("{\"behindMillis\":120}");
        assertThat(ChangeStreamWatermark.fromJson("{\"behindMillis\":7}")).isEqualTo(new ChangeStreamWatermark(7));
    }

    @Test
    void aMessageWithoutItsAgeIsNotAWatermark() {
        assertThatThrownBy(() -> ChangeStreamWatermark.fromJson("{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChangeStreamWatermark.fromJson("{\"behindMillis\":-1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
