package org.shopsuite.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Path OUT = Path.of("/tmp/out");

    @Test
    void theFullRunPreWarmsAndRunsEveryModeAndShape() {
        BenchOptions options = BenchOptions.parse(new String[0], OUT);

        assertThat(options.prewarm()).isEqualTo(Duration.ofSeconds(240));
        assertThat(options.orderModes()).containsExactly("BASELINE", "XA", "TCC");
        assertThat(options.orderShapes()).containsExactly("SPREAD", "HOT");
    }

    @Test
    void modesAndShapesAreCaseInsensitiveAndKeepTheReportOrder() {
        BenchOptions options = BenchOptions.parse(
                new String[] {"--modes", "tcc,xa", "--shapes", "Hot", "--prewarm", "0"}, OUT);

        assertThat(options.orderModes()).containsExactly("XA", "TCC");
        assertThat(options.orderShapes()).containsExactly("HOT");
        assertThat(options.prewarm()).isZero();
    }

    @Test
    void anUnknownModeIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--modes", "xa,at"}, OUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--modes takes baseline,xa,tcc, not at");
    }

    @Test
    void clientCostIsAModeOfItsOwnThatTakesTheReadSettings() {
        BenchOptions options = BenchOptions.parse(
                new String[] {"--client-cost", "--read-clients", "1,16", "--read-seconds", "5"}, OUT);

        assertThat(options.clientCost()).isTrue();
        assertThat(options.readClients()).containsExactly(1, 16);
        assertThat(options.readRun()).isEqualTo(Duration.ofSeconds(5));
        assertThat(BenchOptions.parse(new String[0], OUT).clientCost()).isFalse();
    }
}
