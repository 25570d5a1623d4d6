package io.jfastdfs.config;

/** A validation that needs other packages (e.g. parsing admin_ips); run at start and on reload. */
@FunctionalInterface
public interface ConfigCheck {
    void check(Config cfg) throws ConfigException;
}
