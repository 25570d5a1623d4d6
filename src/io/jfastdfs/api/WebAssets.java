package io.jfastdfs.api;

import io.jfastdfs.store.SafePath;
import io.jfastdfs.store.UnsafePathException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bundled web assets (upload page, report, css, js), overridable file by file from the base
 * directory's web/ folder. Nothing is ever written into the base directory (go-fastdfs overwrote
 * its static/ folder at every start).
 */
final class WebAssets {
    private final Path overrides;

    WebAssets(Path baseDir) {
        this.overrides = baseDir.resolve("web");
    }

    /** The bytes of a single-segment asset name, from web/ if present, else from the jar. */
    Optional<byte[]> read(String name) throws IOException {
        try {
            SafePath.name(name);
        } catch (UnsafePathException e) {
            return Optional.empty();
        }
        Path local = overrides.resolve(name);
        if (Files.isRegularFile(local)) return Optional.of(Files.readAllBytes(local));
        try (InputStream in = WebAssets.class.getResourceAsStream("/io/jfastdfs/web/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }
}
