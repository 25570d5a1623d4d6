package io.jfastdfs.config;

import io.jfastdfs.json.Json;
import io.jfastdfs.json.JsonException;
import io.jfastdfs.store.FileStore;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * conf/cfg.json: generated with every key on first start, read and validated on start and reload,
 * written atomically by {@code reload?action=set}. A broken file is an error naming the key, never
 * silently patched.
 */
public final class ConfigFile {
    /** Shown instead of secrets; in {@code reload?action=set} it means "keep the stored value". */
    public static final String MASK = "******";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Map<String, String> env;
    private final ConfigCheck check;

    public ConfigFile(Path baseDir, Map<String, String> env, ConfigCheck check) {
        this.file = baseDir.resolve("conf").resolve("cfg.json");
        this.env = env;
        this.check = check;
    }

    public Path path() {
        return file;
    }

    /** Writes a fresh cfg.json: the generated defaults with {@code overrides} on top. */
    public void create(Map<String, Object> overrides) throws IOException {
        Map<String, Object> m = generated();
        m.putAll(overrides);
        write(m);
    }

    /** Reads cfg.json, writing a fresh one with every key first when it does not exist. */
    public Config loadOrCreate() throws ConfigException, IOException {
        if (!Files.exists(file)) {
            String addr = env("JFASTDFS_ADDR", "");
            if (!addr.isEmpty() && !addr.matches("\\S*:\\d{1,5}")) {
                throw new ConfigException("JFASTDFS_ADDR \"" + addr + "\" is not [ip]:port, e.g. 127.0.0.2:8080");
            }
            write(generated());
        }
        return load();
    }

    public Config load() throws ConfigException, IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return build(parse(text));
    }

    /** Parses JSON text into a raw map; the error names the file and position. */
    public Map<String, Object> parse(String text) throws ConfigException {
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (JsonException e) {
            throw new ConfigException(file + ": invalid JSON: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> m)) throw new ConfigException(file + ": must hold a JSON object");
        Map<String, Object> raw = new LinkedHashMap<>();
        m.forEach((k, v) -> raw.put(String.valueOf(k), v));
        return raw;
    }

    /**
     * Validates a raw map as {@code reload?action=set} would store it: masked secrets keep the values
     * of {@code current}. Returns the map to write (full key set, unknown keys dropped).
     */
    public Map<String, Object> prepareForSet(Map<String, Object> raw, Config current) throws ConfigException {
        Map<String, Object> m = new LinkedHashMap<>(raw);
        for (String k : ConfigSchema.SECRET_KEYS) {
            if (MASK.equals(m.get(k))) m.put(k, current.values().get(k));
        }
        if (m.get("mail") instanceof Map<?, ?> mail && MASK.equals(mail.get("password"))) {
            Map<Object, Object> copy = new LinkedHashMap<>(mail);
            copy.put("password", current.mail().get("password"));
            m.put("mail", copy);
        }
        return build(m).values();
    }

    /** Writes the map as pretty JSON: temp file, fsync, atomic rename (one writer at a time: the temp name is fixed). */
    public synchronized void write(Map<String, Object> values) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("cfg.json.tmp");
        Files.writeString(tmp, Json.pretty(values) + "\n", StandardCharsets.UTF_8);
        FileStore.publish(tmp, file);
    }

    /** The contents of a new cfg.json: generated defaults with env and detected values filled in. */
    Map<String, Object> generated() {
        Map<String, Object> m = new LinkedHashMap<>();
        ConfigSchema.KEYS.forEach((k, spec) -> m.put(k, spec.generated()));
        String addr = env("JFASTDFS_ADDR", (String) m.get("addr"));
        m.put("addr", addr);
        String host = "http://" + ownIp() + ":" + addr.substring(addr.lastIndexOf(':') + 1);
        m.put("peer_id", envPeerId());
        m.put("host", host);
        List<String> peers = envPeers();
        m.put("peers", peers.isEmpty() ? List.of(host) : peers);
        m.put("admin_key", uuidShaped());
        String peerSecret = env("JFASTDFS_PEER_SECRET", "");
        m.put("peer_secret", peerSecret.isEmpty() ? hex(16) : peerSecret);
        return m;
    }

    /** Type-checks every key, fills missing ones (go-fastdfs zero values), applies substitutions. */
    Config build(Map<String, Object> raw) throws ConfigException {
        Map<String, Object> v = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (KeySpec spec : ConfigSchema.KEYS.values()) {
            Object val = raw.get(spec.name());
            if (val != null) {
                if (!spec.type().accepts(val)) {
                    throw new ConfigException(file + ": key \"" + spec.name() + "\" must be " + spec.type().describe()
                            + ", got " + Json.compact(val));
                }
                v.put(spec.name(), val instanceof Double d && spec.type() == KeyType.INT ? (Object) d.longValue() : val);
            } else {
                // A null, like a missing key, leaves Go's zero value (json.Unmarshal skips nulls).
                v.put(spec.name(), spec.whenMissing());
                warnings.add("cfg.json has no value for key \"" + spec.name() + "\"; using " + Json.compact(spec.whenMissing()));
            }
        }
        substitute(v);
        Config cfg = new Config(v, warnings);
        check.check(cfg);
        return cfg;
    }

    private void substitute(Map<String, Object> v) throws ConfigException {
        if (((String) v.get("addr")).isEmpty()) v.put("addr", ":8080");
        if (((String) v.get("peer_id")).isEmpty()) v.put("peer_id", envPeerId());
        if (!((String) v.get("peer_id")).matches("[A-Za-z0-9_\\-]{0,64}")) {
            throw new ConfigException(file + ": key \"peer_id\" may hold only letters, digits, '_' and '-'");
        }
        String addr = (String) v.get("addr");
        String scheme = Boolean.TRUE.equals(v.get("enable_https")) ? "https" : "http";
        String host = ((String) v.get("host")).trim();
        v.put("host", host.isEmpty()
                ? scheme + "://" + ownIp() + ":" + addr.substring(addr.lastIndexOf(':') + 1)
                : PeerUrl.normalise("host", host, true));
        List<String> peers = new ArrayList<>();
        for (Object p : (List<?>) v.get("peers")) peers.add(PeerUrl.normalise("peers", (String) p, false));
        v.put("peers", peers);
        List<String> ext = new ArrayList<>();
        for (Object e : (List<?>) v.get("extensions")) {
            String s = ((String) e).trim();
            if (!s.isEmpty()) ext.add(s.startsWith(".") ? s : "." + s);
        }
        v.put("extensions", ext);
        defaultIfZero(v, "image_max_width", 2000);
        defaultIfZero(v, "image_max_height", 2000);
        defaultIfZero(v, "refresh_interval", 1800);
        defaultIfZero(v, "sync_timeout", 60);
        defaultIfZero(v, "read_timeout", 600);
        defaultIfZero(v, "write_timeout", 600);
        defaultIfZero(v, "idle_timeout", (Long) v.get("read_timeout"));
        defaultIfZero(v, "read_header_timeout", (Long) v.get("read_timeout"));
        int cpus = Runtime.getRuntime().availableProcessors();
        defaultIfZero(v, "sync_worker", Math.max(4, 2 * cpus));
        defaultIfZero(v, "upload_worker", Math.max(8, cpus + 4));
        defaultIfZero(v, "queue_size", 10000);
        defaultIfZero(v, "sync_delay", 60);
        defaultIfZero(v, "watch_chan_size", 100000);
        defaultIfZero(v, "upload_queue_size", 200);
        defaultIfZero(v, "retry_count", 3);
        v.put("file_sum_arithmetic", "sha1".equalsIgnoreCase((String) v.get("file_sum_arithmetic")) ? "sha1" : "md5");
        Map<String, Object> mail = new LinkedHashMap<>();
        for (String k : List.of("user", "password", "host")) {
            Object val = ((Map<?, ?>) v.get("mail")).get(k);
            if (val != null && !(val instanceof String)) throw new ConfigException(file + ": key \"mail." + k + "\" must be a string");
            mail.put(k, val == null ? "" : val);
        }
        v.put("mail", mail);
        for (String k : List.of("max_upload_size", "min_free_disk_mb", "download_token_expire", "image_max_width",
                "image_max_height", "refresh_interval", "sync_timeout", "read_timeout", "write_timeout", "idle_timeout",
                "sync_worker")) {
            if ((Long) v.get(k) < 0) throw new ConfigException(file + ": key \"" + k + "\" must not be negative");
        }
        for (String k : List.of("image_max_width", "image_max_height", "sync_worker")) { // read as int
            if ((Long) v.get(k) > Integer.MAX_VALUE) {
                throw new ConfigException(file + ": key \"" + k + "\" must be at most " + Integer.MAX_VALUE);
            }
        }
    }

    private static void defaultIfZero(Map<String, Object> v, String key, long dflt) {
        if ((Long) v.get(key) == 0) v.put(key, dflt);
    }

    private String env(String name, String dflt) {
        String v = env.get(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private String envPeerId() {
        String id = env("JFASTDFS_PEER_ID", env("GO_FASTDFS_PEER_ID", ""));
        return id.isEmpty() ? Integer.toString(1 + RANDOM.nextInt(9999)) : id;
    }

    private List<String> envPeers() {
        String raw = env("JFASTDFS_PEERS", env("GO_FASTDFS_PEERS", ""));
        List<String> out = new ArrayList<>();
        for (String p : raw.split(",")) {
            String s = p.replace("\"", "").trim();
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    /** Own IP: env override, else the address used for the default route, else loopback. */
    String ownIp() {
        String ip = env("JFASTDFS_IP", env("GO_FASTDFS_IP", ""));
        if (!ip.isEmpty()) return ip;
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {8, 8, 8, 8}), 80));
            InetAddress a = s.getLocalAddress();
            if (a != null && !a.isAnyLocalAddress()) return a.getHostAddress();
        } catch (IOException | RuntimeException e) {
            // no default route: fall through to loopback
        }
        return "127.0.0.1";
    }

    private static String uuidShaped() {
        String h = hex(16);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
