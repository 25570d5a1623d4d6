package io.jfastdfs.config;

/**
 * One cfg.json key: its type, the value written into a new cfg.json, and the value used when an
 * existing file lacks the key (go-fastdfs semantics: the zero value, not the generated default).
 */
record KeySpec(String name, KeyType type, Object generated, Object whenMissing) {
}
