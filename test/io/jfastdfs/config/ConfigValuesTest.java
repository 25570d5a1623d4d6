package io.jfastdfs.config;

import io.jfastdfs.testkit.Files2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values that are present but odd: nulls (Go's zero value, as if missing) and numbers out of range (API.md §4.1). */
class ConfigValuesTest {
    Path dir;

    @BeforeEach
    void makeDir() throws Exception {
        dir = Files.createTempDirectory("jfastdfs-cfgvalues");
        Files.createDirectories(dir.resolve("conf"));
    }

    @AfterEach
    void removeDir() {
        Files2.deleteTree(dir);
    }

    private Config load(String json) throws Exception {
        Files.writeString(dir.resolve("conf/cfg.json"), json);
        return new ConfigFile(dir, Map.of("JFASTDFS_IP", "10.0.0.9"), cfg -> { }).load();
    }

    @Test
    void aNullValueIsTheZeroValueLikeAMissingKey() throws Exception {
        Config cfg = load("{\"addr\": null, \"host\": null, \"peers\": null, \"mail\": null, \"extensions\": null,"
                + " \"enable_tus\": null, \"image_max_width\": null}");
        assertEquals(8080, cfg.port());
        assertEquals("http://10.0.0.9:8080", cfg.host());
        assertEquals(java.util.List.of(), cfg.peers());
        assertEquals(Map.of("user", "", "password", "", "host", ""), cfg.mail());
        assertTrue(cfg.extensions().isEmpty());
        assertEquals(false, cfg.enableTus());
        assertEquals(2000, cfg.imageMaxWidth());
        assertTrue(cfg.warnings().stream().anyMatch(w -> w.contains("\"host\"")), cfg.warnings().toString());
    }

    @Test
    void numbersBeyondWhatTheKeyHoldsNameTheKey() {
        for (String bad : new String[] {"\"image_max_width\": 1e30", "\"image_max_height\": 3000000000",
                "\"sync_worker\": 9007199254740993", "\"idle_timeout\": -1", "\"addr\": \":+80\""}) {
            ConfigException e = assertThrows(ConfigException.class, () -> load("{" + bad + "}"), bad);
            String key = bad.substring(1, bad.indexOf('"', 1));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void jfastdfsAddrSetsAddrAndTheHostsPortAtFirstStart() throws Exception {
        Config cfg = new ConfigFile(dir, Map.of("JFASTDFS_IP", "10.0.0.9", "JFASTDFS_ADDR", "10.0.0.9:9001"), c -> { }).loadOrCreate();
        assertEquals(9001, cfg.port());
        assertEquals("http://10.0.0.9:9001", cfg.host());
        assertTrue(Files.readString(dir.resolve("conf/cfg.json")).contains("\"addr\": \"10.0.0.9:9001\""));

        Files2.deleteTree(dir.resolve("conf"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigFile(dir, Map.of("JFASTDFS_ADDR", "10.0.0.9:http"), c -> { }).loadOrCreate());
        assertEquals("JFASTDFS_ADDR \"10.0.0.9:http\" is not [ip]:port, e.g. 127.0.0.2:8080", e.getMessage());
        assertFalse(Files.exists(dir.resolve("conf/cfg.json")), "nothing written");
    }
}
