package io.jfastdfs.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Code blocks of README.md marked {@code <!-- tested: NAME -->}, so the tests run exactly what
 * the guide tells operators to run.
 */
public final class GuideSnippets {
    public static final Path GUIDE = Path.of("README.md");

    private GuideSnippets() {}

    public static String get(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(GUIDE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("tests run from the repository root; cannot read " + GUIDE, e);
        }
        int marker = lines.indexOf("<!-- tested: " + name + " -->");
        if (marker < 0 || marker + 1 >= lines.size() || !lines.get(marker + 1).startsWith("```")) {
            throw new IllegalStateException(GUIDE + " has no code block marked " + name);
        }
        StringBuilder code = new StringBuilder();
        for (int i = marker + 2; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            code.append(lines.get(i)).append('\n');
        }
        return code.toString();
    }
}
