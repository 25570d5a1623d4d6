package io.jfastdfs.json;

/** A type that knows its JSON shape (a Map with its compact field order, a List, or a scalar). */
public interface JsonValue {
    Object toJson();
}
