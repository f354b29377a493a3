package org.shopsuite.api.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.util.PropertyPlaceholderHelper;

class MissingSecretFailureAnalyzerTest {

    private final MissingSecretFailureAnalyzer analyzer = new MissingSecretFailureAnalyzer();

    @Test
    void aMissingSecretIsNamedWithWhereItComesFrom() {
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("binding failed",
                unresolved("${SHOP_REDIS_PASSWORD}")));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("SHOP_REDIS_PASSWORD is not set");
        assertThat(analysis.getAction()).contains("./stack", "docker/compose-env.sh", "export SHOP_REDIS_PASSWORD");
    }

    @Test
    void anyOtherMissingSettingIsLeftToSpringBoot() {
        assertThat(analyzer.analyze(unresolved("${SHOP_ACCOUNT_URL}"))).isNull();
    }

    private static Throwable unresolved(String value) {
        return catchThrowable(() -> new PropertyPlaceholderHelper("${", "}", ":", null, false).replacePlaceholders(value, name -> null));
    }
}
