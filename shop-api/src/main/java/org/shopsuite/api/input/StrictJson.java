package org.shopsuite.api.input;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.shopsuite.api.problem.ApiProblem;

/**
 * How every part of the suite reads JSON: a value is taken as the type it is written in, or refused. No coercion,
 * no truncation: {@code 1.5}, {@code 2.0} or {@code 1e3} for an integer, {@code "1"} or {@code true} for a number, a
 * number for an enum or a string, a value out of range, an unknown or repeated field, trailing content: each is an
 * error that names the field. Enums match their exact (case-sensitive) name. Decimals (amounts) take integers and
 * fractions; an explicit {@code null} is "absent", which validation then reports for a required field.
 */
public final class StrictJson {

    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']*)'");

    private StrictJson() {
    }

    /** Applies the rules to a mapper (Spring Boot applications get them through {@link StrictInput}). */
    public static <M extends ObjectMapper> M configure(M mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.String);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.Enum)) {
            refuse(mapper, type, CoercionInputShape.EmptyString, CoercionInputShape.EmptyArray,
                    CoercionInputShape.EmptyObject);
        }
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** The 400 problem for a body these rules refused, naming the field at fault when there is one. */
    public static ApiProblem problemFor(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String why = e instanceof UnrecognizedPropertyException ? " is not a field of this request"
                    : " has an invalid value" + expected(mapping) + ": " + mapping.getOriginalMessage();
            return ApiProblem.invalidFields(field + why, List.of(field));
        }
        if (e instanceof JsonParseException parse) {
            Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(parse.getOriginalMessage()));
            if (duplicate.find()) {
                return ApiProblem.invalidFields(duplicate.group(1) + " is given more than once",
                        List.of(duplicate.group(1)));
            }
            return ApiProblem.invalidFields("the request body is not valid JSON: " + parse.getOriginalMessage(),
                    List.of());
        }
        return ApiProblem.invalidFields("the request body is missing or is not a JSON object of this request",
                List.of());
    }

    private static String expected(JsonMappingException mapping) {
        Class<?> type = mapping instanceof InvalidFormatException format ? format.getTargetType()
                : mapping instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                ? mismatch.getTargetType() : null;
        if (type == null) {
            return "";
        }
        if (type.isEnum()) {
            return " (expected exactly one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return " (expected a JSON integer" + (type == Integer.class || type == int.class
                    ? " up to " + Integer.MAX_VALUE : " up to " + Long.MAX_VALUE) + ")";
        }
        if (Number.class.isAssignableFrom(type)) {
            return " (expected a JSON number)";
        }
        return " (expected " + type.getSimpleName() + ")";
    }
}
