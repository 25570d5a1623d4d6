package io.jfastdfs.config;

/** The live configuration: read per request, swapped atomically by reload. */
public final class Settings {
    private volatile Config current;

    public Settings(Config initial) {
        this.current = initial;
    }

    public Config get() {
        return current;
    }

    public void set(Config next) {
        current = next;
    }
}
