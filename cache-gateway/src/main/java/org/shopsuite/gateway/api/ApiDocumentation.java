package org.shopsuite.gateway.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shopsuite.api.account.AccountView;
import org.shopsuite.api.catalog.ProductView;
import org.shopsuite.api.order.IdempotencyKeys;
import org.shopsuite.api.order.OrderView;
import org.shopsuite.api.order.PlaceOrderRequest;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The public API as OpenAPI 3 (springdoc: {@code /v3/api-docs}, browsable at {@code /swagger-ui/index.html}).
 * springdoc finds the operations in the controllers; the controllers pass bodies through as bytes, so what each one
 * takes and answers is said here, with examples and every problem it can answer. {@code ApiDocumentationIT} keeps
 * the two in step: an operation that exists and is not described here, or one described here that does not exist,
 * fails it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String BEARER = "bearer-jwt";

    @Bean
    OpenAPI shopsuiteOpenApi() {
        Components components = new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("A token from the suite's issuer (`./stack token USER_ID`)"
                                + " or any OIDC provider it is configured for; its subject is the user id."))
                .addSchemas("Problem", problemSchema());
        for (Class<?> type : List.of(ProductView.class, AccountView.class, OrderView.class, PlaceOrderRequest.class)) {
            ModelConverters.getInstance().readAll(type).forEach(components::addSchemas);
        }
        return new OpenAPI()
                .info(new Info().title("shopsuite").version("1")
                        .description("Orders over three services in one Seata transaction (XA or TCC), and product"
                                + " and balance reads from a two-level cache. Errors are RFC 9457 problems: match on"
                                + " the last path segment of `type`."))
                .components(components);
    }

    @Bean
    OpenApiCustomizer describeOperations() {
        return openApi -> {
            for (DocumentedOperation documented : DocumentedOperation.ALL) {
                PathItem path = openApi.getPaths() == null ? null : openApi.getPaths().get(documented.path());
                Operation operation = path == null ? null : path.readOperationsMap().get(documented.method());
                if (operation == null) {
                    throw new IllegalStateException("ApiDocumentation describes " + documented.method() + " "
                            + documented.path() + ", which no controller serves: remove or fix its description");
                }
                documented.describe(operation);
            }
        };
    }

    private static Schema<?> problemSchema() {
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details; more properties may follow (traceId, orderId, field)")
                .addProperty("type", new StringSchema().format("uri")
                        .example("https://shopsuite.dev/problems/out-of-stock")
                        .description("one of: " + String.join(", ", Problems.ALL.stream().map(Problems::slug).toList())
                                + " (the last path segment)"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"));
        problem.setAdditionalProperties(true);
        return problem;
    }

    // ------------------------------------------------------------------------------------ building blocks

    static ApiResponse json(String description, String schema, String example) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(ref(schema)).example(raw(example))));
    }

    static ApiResponse problems(List<Problems> problems) {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (Problems problem : problems) {
            examples.put(problem.slug(), new Example().summary(problem.when()).value(raw(problem.example())));
        }
        String description = String.join("; ", problems.stream().map(Problems::when).toList());
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(ref("Problem")).examples(examples)));
    }

    static ApiResponses responses(Map<String, ApiResponse> byStatus) {
        ApiResponses responses = new ApiResponses();
        byStatus.forEach(responses::addApiResponse);
        return responses;
    }

    static Parameter pathId(String name, String description) {
        return new Parameter().in("path").name(name).required(true).description(description)
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ONE));
    }

    static Parameter idempotencyKeyHeader() {
        return new Parameter().in("header").name(IdempotencyKeys.HEADER).required(false)
                .description("1-64 characters of [A-Za-z0-9_-]. The same key and body again answer the first"
                        + " outcome; without one the gateway makes one (gw-<uuid>) and returns it in this header.")
                .schema(new StringSchema().pattern("^[A-Za-z0-9_-]{1,64}$")).example("order-2026-12-01-0001");
    }

    static RequestBody placeOrderBody() {
        return new RequestBody().required(true).content(new Content().addMediaType("application/json",
                new MediaType().schema(ref("PlaceOrderRequest"))
                        .example(raw("{\"productId\":1,\"quantity\":2,\"mode\":\"XA\"}"))));
    }

    static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }

    static SecurityRequirement bearer() {
        return new SecurityRequirement().addList(BEARER);
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    /** JSON text as a value springdoc writes as JSON, not as a quoted string. */
    private static Object raw(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("bad example JSON: " + json, e);
        }
    }
}
