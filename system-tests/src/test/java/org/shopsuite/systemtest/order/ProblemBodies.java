package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What an error body may say: what the client can act on, never the internals of the failure. */
public final class ProblemBodies {

    /** Internals, by what they look like; the names say which. */
    private static final Map<String, Pattern> INTERNALS = Map.of(
            "a URL", Pattern.compile("[a-z][a-z0-9+.-]*://"),
            "an IP address", Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b"),
            "SQL", Pattern.compile("(?i)\\b(select\\b.+\\bfrom|insert\\s+into|update\\b.+\\bset|delete\\s+from)\\b"),
            "a class name", Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*"),
            "an exception", Pattern.compile("\\b\\w*(Exception|Error)\\b"),
            "a client method", Pattern.compile("\\w+#\\w+\\("));

    /** The members that are URIs by RFC 9457: the problem's type and instance. */
    private static final List<String> URI_MEMBERS = List.of("type", "instance");

    private ProblemBodies() {
    }

    public static void assertNoInternals(JsonNode body) {
        body.properties().forEach(member -> {
            if (URI_MEMBERS.contains(member.getKey()) || !member.getValue().isTextual()) {
                return;
            }
            String text = member.getValue().asText();
            INTERNALS.forEach((what, pattern) -> assertThat(pattern.matcher(text).find())
                    .as("problem member %s holds %s: %s", member.getKey(), what, text).isFalse());
        });
    }
}
