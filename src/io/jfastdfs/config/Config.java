package io.jfastdfs.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validated, normalised configuration of one node (immutable; reload swaps in a new one).
 * Built from cfg.json's map by {@link ConfigFile}; accessors return runtime values, with
 * go-fastdfs's substitutions for zero values already applied.
 */
public final class Config {
    private final Map<String, Object> values;
    private final List<String> warnings;
    private final String bindHost;
    private final int port;
    private final String groupPrefix;
    private final List<String> peers;
    private final Set<String> extensions;
    private final Map<String, String> sceneSecrets;

    Config(Map<String, Object> values, List<String> warnings) throws ConfigException {
        this.values = Collections.unmodifiableMap(values);
        this.warnings = List.copyOf(warnings);
        String addr = str("addr");
        int colon = addr.lastIndexOf(':');
        if (colon < 0) throw new ConfigException("cfg.json: addr \"" + addr + "\" must be [host]:port, e.g. \":8080\"");
        String h = addr.substring(0, colon);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        bindHost = h;
        String portText = addr.substring(colon + 1);
        if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) > 65535) {
            throw new ConfigException("cfg.json: addr \"" + addr + "\" has a bad port");
        }
        port = Integer.parseInt(portText);
        groupPrefix = bool("support_group_manage") && !str("group").isEmpty() ? "/" + str("group") : "";
        if (!str("group").matches("[A-Za-z0-9_.\\-]*")) {
            throw new ConfigException("cfg.json: group \"" + str("group") + "\" may hold only letters, digits, '_', '-', '.'");
        }
        List<String> others = new ArrayList<>();
        for (String p : strings("peers")) if (!p.equals(host()) && !others.contains(p)) others.add(p);
        peers = List.copyOf(others);
        Set<String> ext = new LinkedHashSet<>();
        for (String e : strings("extensions")) ext.add(e.toLowerCase(Locale.ROOT));
        extensions = Collections.unmodifiableSet(ext);
        Map<String, String> sc = new LinkedHashMap<>();
        for (String s : strings("scenes")) {
            int i = s.indexOf(':');
            sc.put(i < 0 ? s : s.substring(0, i), i < 0 ? "" : s.substring(i + 1));
        }
        sceneSecrets = Collections.unmodifiableMap(sc);
    }

    /** Every key with its effective value (for cfg.json and reload?action=get). */
    public Map<String, Object> values() {
        return values;
    }

    /** Missing keys and the values used for them, to be logged at start. */
    public List<String> warnings() {
        return warnings;
    }

    public String bindHost() { return bindHost; }
    public int port() { return port; }
    /** "/group1" when group management is on, else "". */
    public String groupPrefix() { return groupPrefix; }
    public String group() { return str("group"); }
    public String peerId() { return str("peer_id"); }
    /** Own base URL, normalised. */
    public String host() { return str("host"); }
    /** Peers other than this node, normalised. */
    public List<String> peers() { return peers; }
    public boolean enableHttps() { return bool("enable_https"); }
    public boolean enableMergeSmallFile() { return bool("enable_merge_small_file"); }
    public boolean enableImageResize() { return bool("enable_image_resize"); }
    public int imageMaxWidth() { return (int) num("image_max_width"); }
    public int imageMaxHeight() { return (int) num("image_max_height"); }
    /** Allowed extensions, lower case with leading dot; empty = all. */
    public Set<String> extensions() { return extensions; }
    public long refreshInterval() { return num("refresh_interval"); }
    public boolean trimSpecialChars() { return bool("enable_trim_file_name_special_char"); }
    public boolean renameFile() { return bool("rename_file"); }
    public boolean enableWebUpload() { return bool("enable_web_upload"); }
    public boolean enableCustomPath() { return bool("enable_custom_path"); }
    public String downloadDomain() { return str("download_domain"); }
    /** Scene name → Google secret ("" when none). Empty map = every scene allowed. */
    public Map<String, String> scenes() { return sceneSecrets; }
    public String defaultScene() { return str("default_scene"); }
    public boolean showDir() { return bool("show_dir"); }
    public Map<?, ?> mail() { return (Map<?, ?>) values.get("mail"); }
    public List<String> alarmReceivers() { return strings("alarm_receivers"); }
    public String alarmUrl() { return str("alarm_url"); }
    public boolean downloadUseToken() { return bool("download_use_token"); }
    public long downloadTokenExpire() { return num("download_token_expire"); }
    public boolean autoRepair() { return bool("auto_repair"); }
    /** "md5" or "sha1": the digest that fills the md5 field. */
    public String fileSumArithmetic() { return str("file_sum_arithmetic"); }
    public String adminKey() { return str("admin_key"); }
    public List<String> adminIps() { return strings("admin_ips"); }
    public boolean enableMigrate() { return bool("enable_migrate"); }
    public boolean enableDistinctFile() { return bool("enable_distinct_file"); }
    public boolean enableCrossOrigin() { return bool("enable_cross_origin"); }
    public boolean enableGoogleAuth() { return bool("enable_google_auth"); }
    public String authUrl() { return str("auth_url"); }
    public boolean enableDownloadAuth() { return bool("enable_download_auth"); }
    public boolean defaultDownload() { return bool("default_download"); }
    public boolean readOnly() { return bool("read_only"); }
    public boolean enableTus() { return bool("enable_tus"); }
    public long syncTimeout() { return num("sync_timeout"); }
    public long readTimeout() { return num("read_timeout"); }
    public long writeTimeout() { return num("write_timeout"); }
    public long idleTimeout() { return num("idle_timeout"); }
    public int syncWorker() { return (int) num("sync_worker"); }
    public List<String> trustedProxies() { return strings("trusted_proxies"); }
    public String peerSecret() { return str("peer_secret"); }
    public List<String> corsAllowOrigins() { return strings("cors_allow_origins"); }
    public boolean strictHttpStatus() { return bool("strict_http_status"); }
    public String downloadTokenSecret() { return str("download_token_secret"); }
    public long maxUploadSize() { return num("max_upload_size"); }
    public long minFreeDiskMb() { return num("min_free_disk_mb"); }
    /** min_free_disk_mb in bytes: below this, uploads and replicas are refused (507). */
    public long minFreeDiskBytes() { return minFreeDiskMb() * 1024 * 1024; }
    public boolean fsyncUploads() { return bool("fsync_uploads"); }

    /** Keys whose effective values differ from {@code other} and need a restart. */
    public List<String> restartNeededComparedTo(Config other) {
        List<String> out = new ArrayList<>();
        for (String k : ConfigSchema.RESTART_KEYS) {
            if (!String.valueOf(values.get(k)).equals(String.valueOf(other.values.get(k)))) out.add(k);
        }
        return out;
    }

    /** The values with secrets masked, for reload?action=get. */
    public Map<String, Object> maskedValues() {
        Map<String, Object> m = new LinkedHashMap<>(values);
        for (String k : ConfigSchema.SECRET_KEYS) if (!str(k).isEmpty()) m.put(k, ConfigFile.MASK);
        if (m.get("mail") instanceof Map<?, ?> mail) {
            Map<Object, Object> copy = new LinkedHashMap<>(mail);
            if (copy.containsKey("password")) copy.put("password", ConfigFile.MASK);
            m.put("mail", copy);
        }
        return m;
    }

    private boolean bool(String k) {
        return Boolean.TRUE.equals(values.get(k));
    }

    private long num(String k) {
        return values.get(k) instanceof Number n ? n.longValue() : 0;
    }

    private String str(String k) {
        Object v = values.get(k);
        return v == null ? "" : v.toString();
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String k) {
        Object v = values.get(k);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }
}
