package org.shopsuite.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON of cached values and invalidation messages. Its own mapper, so writer and reader agree whatever
 * ObjectMapper settings an application has.
 */
public final class CacheJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN) // "1000.00", never "1.00E+3"
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer writer may add fields
            .build();

    private CacheJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    /** Reads what is cached under {@code key}: its view, or a {@link Tombstone}. */
    public static CachedValue read(CacheKey key, String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node.path("deleted").asBoolean(false)) {
                return MAPPER.treeToValue(node, Tombstone.class);
            }
            return switch (key.kind()) {
                case PRODUCT -> MAPPER.treeToValue(node, ProductView.class);
                case ACCOUNT -> MAPPER.treeToValue(node, AccountView.class);
            };
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a cached value under " + key + ": " + json, e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + json, e);
        }
    }
}
