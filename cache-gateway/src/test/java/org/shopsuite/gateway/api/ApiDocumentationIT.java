package org.shopsuite.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.gateway.GatewayTestSupport;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document is served, browsable, and says exactly what the gateway serves, every problem included. */
class ApiDocumentationIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentListsExactlyThePublicOperationsTheGatewayServes() throws Exception {
        JsonNode document = document();
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> served.add(method.name() + " " + pattern))));

        assertThat(served).isNotEmpty();
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void everyOperationIsDescribedWithItsProblemsAndEveryProblemTypeAppears() throws Exception {
        JsonNode document = document();
        Set<String> typesShown = new TreeSet<>();
        List<String> undescribed = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            String operation = entry.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = entry.getValue().get("responses");
            if (!entry.getValue().hasNonNull("summary") || responses.get("400") == null) {
                undescribed.add(operation);
            }
            responses.properties().stream().filter(status -> status.getKey().compareTo("400") >= 0)
                    .forEach(status -> {
                        JsonNode examples = status.getValue().path("content").path("application/problem+json")
                                .path("examples");
                        assertThat(examples.isEmpty()).as("%s %s: problem examples", operation, status.getKey())
                                .isFalse();
                        examples.forEach(example -> {
                            assertThat(example.path("value").path("status").asText())
                                    .as("%s: status in the example", operation).isEqualTo(status.getKey());
                            typesShown.add(example.path("value").path("type").asText());
                        });
                    });
        }));

        assertThat(undescribed).as("operations springdoc found that ApiDocumentation does not describe").isEmpty();
        assertThat(typesShown).isEqualTo(allProblemTypes());
    }

    @Test
    void theBrowsableUiIsServed() {
        Reply page = get("/swagger-ui/index.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }

    private JsonNode document() throws Exception {
        Reply reply = get("/v3/api-docs");
        assertThat(reply.status()).as("GET /v3/api-docs: %s", reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    /** Every type ProblemTypes declares. */
    private static Set<String> allProblemTypes() throws IllegalAccessException {
        Set<String> types = new TreeSet<>();
        for (Field field : ProblemTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == URI.class) {
                types.add(field.get(null).toString());
            }
        }
        return types;
    }
}
