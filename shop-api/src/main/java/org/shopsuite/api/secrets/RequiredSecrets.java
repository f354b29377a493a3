package org.shopsuite.api.secrets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Stops a service at start when one of the suite's secrets ({@code ${SHOP_..._PASSWORD}} or {@code ${SHOP_..._KEY}}
 * in its configuration, never with a default) is not set. Spring Boot alone would not: it binds an unresolvable
 * placeholder in {@code spring.datasource.password} as the literal text and fails only at the first login, if ever.
 * Checked once the context is prepared, so properties a test registers still count.
 */
public class RequiredSecrets implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Pattern SECRET = Pattern.compile("\\$\\{(SHOP_[A-Z0-9_]*(?:PASSWORD|KEY))}");

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        check(event.getApplicationContext().getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        Map<String, String> secretOfProperty = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    Matcher secret = SECRET.matcher(String.valueOf(enumerable.getProperty(name)));
                    if (secret.find()) {
                        secretOfProperty.putIfAbsent(name, secret.group(1));
                    }
                }
            }
        }
        secretOfProperty.forEach((property, secret) -> {
            // the property's effective value: a source with higher precedence may set it without the secret
            String value;
            try {
                value = environment.getProperty(property, "");
            } catch (IllegalArgumentException unresolvable) { // a strict resolver refuses ${SECRET} outright
                value = "";
            }
            if (value.isBlank() || value.contains("${" + secret + "}")) {
                throw new MissingSecretException(secret, property);
            }
        });
    }

    /** A secret the configuration needs is not set, or is blank. */
    public static class MissingSecretException extends IllegalStateException {

        private final String variable;
        private final String property;

        MissingSecretException(String variable, String property) {
            super(variable + " is not set (" + property + " needs it)");
            this.variable = variable;
            this.property = property;
        }

        public String variable() {
            return variable;
        }

        public String property() {
            return property;
        }
    }
}
