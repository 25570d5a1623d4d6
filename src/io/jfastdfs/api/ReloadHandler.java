package io.jfastdfs.api;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.ConfigException;
import io.jfastdfs.config.ConfigFile;
import io.jfastdfs.config.Settings;
import io.jfastdfs.http.ApiError;
import io.jfastdfs.http.Handler;
import io.jfastdfs.http.Reply;
import io.jfastdfs.http.Request;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {G}/reload (API.md §2.14): get shows the live config with secrets masked; set validates fully
 * before writing atomically; reload applies what it can and names the keys that need a restart.
 */
public final class ReloadHandler implements Handler {
    static final String ACTIONS = "(error)action support set(json) get reload";

    private final Settings settings;
    private final ConfigFile file;
    private final Consumer<Config> apply;

    public ReloadHandler(Settings settings, ConfigFile file, Consumer<Config> apply) {
        this.settings = settings;
        this.file = file;
        this.apply = apply;
    }

    @Override
    public Reply handle(Request req) throws IOException {
        Config cfg = settings.get();
        String key = req.param("key");
        if (key.isEmpty()) throw ApiError.fail(403, "(error)parameter key require");
        if (!MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), cfg.adminKey().getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.fail(403, "(error)key is not correct");
        }
        return switch (req.param("action")) {
            case "get" -> Reply.ok(cfg.maskedValues());
            case "set" -> set(req, cfg);
            case "reload" -> reload(cfg);
            default -> Reply.text(ACTIONS).strictStatus(400);
        };
    }

    private Reply set(Request req, Config cfg) throws IOException {
        String text = req.param("cfg");
        if (text.isEmpty()) throw ApiError.fail(400, "(error)parameter cfg(json) require");
        Map<String, Object> values;
        try {
            values = file.prepareForSet(file.parse(text), cfg);
        } catch (ConfigException e) {
            throw ApiError.fail(400, e.getMessage());
        }
        file.write(values);
        return Reply.ok(null);
    }

    private Reply reload(Config old) throws IOException {
        Config next;
        try {
            next = file.load();
        } catch (ConfigException e) {
            throw ApiError.fail(400, e.getMessage());
        }
        apply.accept(next);
        List<String> restart = next.restartNeededComparedTo(old);
        return Reply.ok(restart.isEmpty() ? null : Map.of("restart_required", restart));
    }
}
