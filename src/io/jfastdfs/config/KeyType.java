package io.jfastdfs.config;

import java.util.List;
import java.util.Map;

/** The JSON type a config key must have; a value of another type is a start-up error naming the key. */
enum KeyType {
    BOOL, INT, STRING, STRING_LIST, OBJECT, OBJECT_LIST, ANY;

    boolean accepts(Object v) {
        if (v == null) return this != BOOL && this != INT;
        return switch (this) {
            case BOOL -> v instanceof Boolean;
            case INT -> v instanceof Long || (v instanceof Double d && d == Math.rint(d) && !d.isInfinite());
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
