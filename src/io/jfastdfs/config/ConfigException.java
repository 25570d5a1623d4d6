package io.jfastdfs.config;

/** A config file that cannot be used; the message names the key (and file) at fault. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
