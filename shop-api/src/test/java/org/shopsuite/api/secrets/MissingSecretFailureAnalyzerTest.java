package org.shopsuite.api.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class MissingSecretFailureAnalyzerTest {

    /** Set in no test environment. */
    private static final String UNSET_VARIABLE = "SHOP_NOT_SET_IN_TESTS_PASSWORD";

    @Test
    void aMissingSecretStopsTheStartNamingTheVariableAndWhereItComesFrom() {
        StandardEnvironment environment = environment(Map.of("spring.data.redis.password", "${" + UNSET_VARIABLE + "}"));

        Throwable failure = catchThrowable(() -> RequiredSecrets.check(environment));
        FailureAnalysis analysis = new MissingSecretFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains(UNSET_VARIABLE + " is not set", "spring.data.redis.password");
        assertThat(analysis.getAction()).contains("./stack", "docker/compose-env.sh", "export " + UNSET_VARIABLE);
    }

    @Test
    void aBlankSecretCountsAsMissing() {
        StandardEnvironment environment = environment(Map.of("spring.datasource.password", "${" + UNSET_VARIABLE + "}"));
        environment.getPropertySources().addFirst(new MapPropertySource("env", Map.of(UNSET_VARIABLE, " ")));

        assertThat(catchThrowable(() -> RequiredSecrets.check(environment)))
                .isInstanceOf(RequiredSecrets.MissingSecretException.class);
    }

    @Test
    void aSecretThatIsSetOrAPropertyGivenOtherwiseIsFine() {
        StandardEnvironment set = environment(Map.of("spring.datasource.password", "${" + UNSET_VARIABLE + "}"));
        set.getPropertySources().addFirst(new MapPropertySource("env", Map.of(UNSET_VARIABLE, "s3cret")));
        StandardEnvironment overridden = environment(Map.of("spring.datasource.password", "${" + UNSET_VARIABLE + "}"));
        overridden.getPropertySources().addFirst(new MapPropertySource("test", Map.of("spring.datasource.password", "x")));
        StandardEnvironment notASecret = environment(Map.of("shop.account.url", "${SHOP_ACCOUNT_URL}"));

        assertThatNoException().isThrownBy(() -> RequiredSecrets.check(set));
        assertThatNoException().isThrownBy(() -> RequiredSecrets.check(overridden));
        assertThatNoException().isThrownBy(() -> RequiredSecrets.check(notASecret));
    }

    private static StandardEnvironment environment(Map<String, Object> applicationYml) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", applicationYml));
        return environment;
    }
}
