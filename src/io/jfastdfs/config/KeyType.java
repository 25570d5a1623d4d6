package io.jfastdfs.config;

import java.util.List;
import java.util.Map;

/** The JSON type a config key must have; a value of another type is a start-up error naming the key. */
enum KeyType {
    BOOL, INT, STRING, STRING_LIST, OBJECT, OBJECT_LIST, ANY;

    /** Whether {@code v}, a non-null parsed JSON value, has this type. */
    boolean accepts(Object v) {
        return switch (this) {
            case BOOL -> v instanceof Boolean;
            // 1e3 is an integer; a double beyond 2^53 is not exact, and beyond 2^63 would saturate.
            case INT -> v instanceof Long || (v instanceof Double d && d == Math.rint(d) && Math.abs(d) <= 0x1p53);
            case STRING -> v instanceof String;
            case STRING_LIST -> v instanceof List<?> l && l.stream().allMatch(e -> e instanceof String);
            case OBJECT -> v instanceof Map<?, ?>;
            case OBJECT_LIST -> v instanceof List<?> l && l.stream().allMatch(e -> e instanceof Map<?, ?>);
            case ANY -> true;
        };
    }

    String describe() {
        return switch (this) {
            case BOOL -> "true or false";
            case INT -> "an integer";
            case STRING -> "a string";
            case STRING_LIST -> "a list of strings";
            case OBJECT -> "an object";
            case OBJECT_LIST -> "a list of objects";
            case ANY -> "any value";
        };
    }
}
