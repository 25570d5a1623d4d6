package io.jfastdfs.config;

import io.jfastdfs.Node;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken cfg.json stops start-up with a message naming the key (API.md §4.1, §4.4; go-fastdfs issue #3). */
class BrokenConfigStopsStartTest {
    Path dir;

    @BeforeEach
    void makeDir() throws Exception {
        dir = Files.createTempDirectory("jfastdfs-cfg");
    }

    @AfterEach
    void removeDir() {
        Files2.deleteTree(dir);
    }

    /** Writes the test defaults with {@code key} set to {@code value} and expects start-up to fail naming it. */
    private void assertRefused(String key, Object value, String... mentioned) throws Exception {
        Map<String, Object> cfg = new LinkedHashMap<>(TestServer.withDefaults(Map.of()));
        cfg.put(key, value);
        TestServer.writeConfig(dir, cfg);
        ConfigException e = assertThrows(ConfigException.class, () -> Node.start(dir, TestServer.env()).close(),
                key + "=" + value);
        assertTrue(e.getMessage().contains(key), e.getMessage());
        for (String m : mentioned) assertTrue(e.getMessage().contains(m), e.getMessage());
    }

    @Test
    void invalidJsonNamesTheFile() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/cfg.json"), "{\"addr\": \":8080\",", StandardCharsets.UTF_8);
        ConfigException e = assertThrows(ConfigException.class, () -> Node.start(dir, TestServer.env()).close());
        assertTrue(e.getMessage().contains("cfg.json") && e.getMessage().contains("invalid JSON"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKey() throws Exception {
        assertRefused("addr", 8080L, "must be a string");
        assertRefused("enable_tus", "yes", "true or false");
        assertRefused("peers", "http://10.0.0.1:8080", "list of strings");
        assertRefused("download_token_expire", 1.5, "integer");
    }

    @Test
    void aPeerWithoutSchemeOrWithABadPortOrPathNamesIt() throws Exception {
        assertRefused("peers", List.of("10.0.0.1:8080"), "10.0.0.1:8080", "scheme");
        assertRefused("peers", List.of("http://10.0.0.1:99999"), "10.0.0.1:99999");
        assertRefused("peers", List.of("http://10.0.0.1:8080/group1"), "path");
        assertRefused("peers", List.of("ftp://10.0.0.1:21"), "http or https");
    }

    @Test
    void aBadListenAddressNamesIt() throws Exception {
        assertRefused("addr", ":99999", ":99999");
        assertRefused("addr", "8080", "[host]:port");
        assertRefused("addr", ":http", ":http");
    }

    @Test
    void invalidAdminIpsAndProxiesNameTheEntry() throws Exception {
        assertRefused("admin_ips", List.of("127.0.0.1", "10.0.0.300"), "10.0.0.300");
        assertRefused("admin_ips", List.of("10.0.0.0/33"), "10.0.0.0/33");
        assertRefused("trusted_proxies", List.of("proxy.local"), "proxy.local");
    }

    @Test
    void otherOutOfRangeValuesNameTheirKey() throws Exception {
        assertRefused("group", "a/b");
        assertRefused("peer_id", "../1");
        assertRefused("max_upload_size", -1L, "negative");
    }

    @Test
    void theServerCommandExitsNonZeroWithTheMessage() throws Exception {
        Map<String, Object> cfg = new LinkedHashMap<>(TestServer.withDefaults(Map.of()));
        cfg.put("peers", List.of("10.0.0.1:8080"));
        TestServer.writeConfig(dir, cfg);
        String java = System.getenv().getOrDefault("JFASTDFS_JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String cp = System.getenv().getOrDefault("JFASTDFS_CP", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                "io.jfastdfs.Main", "server"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JFASTDFS_DIR", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("cannot start") && out.contains("peers") && out.contains("10.0.0.1:8080"), out);
    }
}
