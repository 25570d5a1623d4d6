package io.jfastdfs.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every key of API.md §4.2/§4.3 with its type, generated default and missing-key value. */
final class ConfigSchema {
    /** Placeholder generated values that ConfigFile fills in at first start. */
    static final String FROM_ENV = "<from env or detected>";

    static final Map<String, KeySpec> KEYS;

    static {
        List<KeySpec> k = new ArrayList<>();
        // go-fastdfs keys: missing means the Go zero value (then the runtime substitutions in Config).
        k.add(new KeySpec("addr", KeyType.STRING, ":8080", ""));
        k.add(new KeySpec("enable_https", KeyType.BOOL, false, false));
        k.add(new KeySpec("peer_id", KeyType.STRING, FROM_ENV, ""));
        k.add(new KeySpec("host", KeyType.STRING, FROM_ENV, ""));
        k.add(new KeySpec("peers", KeyType.STRING_LIST, FROM_ENV, List.of()));
        k.add(new KeySpec("group", KeyType.STRING, "group1", ""));
        k.add(new KeySpec("support_group_manage", KeyType.BOOL, true, false));
        k.add(new KeySpec("enable_merge_small_file", KeyType.BOOL, false, false));
        k.add(new KeySpec("enable_image_resize", KeyType.BOOL, true, false));
        k.add(new KeySpec("image_max_width", KeyType.INT, 2000L, 0L));
        k.add(new KeySpec("image_max_height", KeyType.INT, 1000L, 0L));
        k.add(new KeySpec("extensions", KeyType.STRING_LIST, List.of(), List.of()));
        k.add(new KeySpec("refresh_interval", KeyType.INT, 1800L, 0L));
        k.add(new KeySpec("enable_trim_file_name_special_char", KeyType.BOOL, true, false));
        k.add(new KeySpec("rename_file", KeyType.BOOL, false, false));
        k.add(new KeySpec("enable_web_upload", KeyType.BOOL, true, false));
        k.add(new KeySpec("enable_pprof_debug", KeyType.BOOL, false, false));
        k.add(new KeySpec("enable_custom_path", KeyType.BOOL, true, false));
        k.add(new KeySpec("download_domain", KeyType.STRING, "", ""));
        k.add(new KeySpec("scenes", KeyType.STRING_LIST, List.of(), List.of()));
        k.add(new KeySpec("default_scene", KeyType.STRING, "default", ""));
        k.add(new KeySpec("show_dir", KeyType.BOOL, false, false));
        k.add(new KeySpec("mail", KeyType.OBJECT,
                ordered("user", "abc@163.com", "password", "abc", "host", "smtp.163.com:25"), Map.of()));
        k.add(new KeySpec("proxies", KeyType.OBJECT_LIST,
                List.of(ordered("dir", "/pypi", "origin", "https://pypi.org", "addr", ":8000")), List.of()));
        k.add(new KeySpec("alarm_receivers", KeyType.STRING_LIST, List.of(), List.of()));
        k.add(new KeySpec("alarm_url", KeyType.STRING, "", ""));
        k.add(new KeySpec("download_use_token", KeyType.BOOL, false, false));
        k.add(new KeySpec("download_token_expire", KeyType.INT, 600L, 0L));
        k.add(new KeySpec("auto_repair", KeyType.BOOL, true, false));
        k.add(new KeySpec("file_sum_arithmetic", KeyType.STRING, "md5", ""));
        k.add(new KeySpec("admin_key", KeyType.STRING, FROM_ENV, ""));
        k.add(new KeySpec("admin_ips", KeyType.STRING_LIST, List.of("127.0.0.1"), List.of()));
        k.add(new KeySpec("enable_migrate", KeyType.BOOL, false, false));
        k.add(new KeySpec("enable_distinct_file", KeyType.BOOL, true, false));
        k.add(new KeySpec("enable_cross_origin", KeyType.BOOL, true, false));
        k.add(new KeySpec("enable_google_auth", KeyType.BOOL, false, false));
        k.add(new KeySpec("auth_url", KeyType.STRING, "", ""));
        k.add(new KeySpec("enable_download_auth", KeyType.BOOL, false, false));
        k.add(new KeySpec("default_download", KeyType.BOOL, true, false));
        k.add(new KeySpec("read_only", KeyType.BOOL, false, false));
        k.add(new KeySpec("enable_tus", KeyType.BOOL, true, false));
        k.add(new KeySpec("sync_timeout", KeyType.INT, 60L, 0L));
        k.add(new KeySpec("queue_size", KeyType.INT, 10000L, 0L));
        k.add(new KeySpec("enable_fsnotify", KeyType.BOOL, false, false));
        k.add(new KeySpec("sync_delay", KeyType.INT, 60L, 0L));
        k.add(new KeySpec("watch_chan_size", KeyType.INT, 100000L, 0L));
        k.add(new KeySpec("enable_disk_cache", KeyType.BOOL, false, false));
        k.add(new KeySpec("connect_timeout", KeyType.ANY, false, false));
        k.add(new KeySpec("read_timeout", KeyType.INT, 600L, 0L));
        k.add(new KeySpec("write_timeout", KeyType.INT, 600L, 0L));
        k.add(new KeySpec("idle_timeout", KeyType.INT, 600L, 0L));
        k.add(new KeySpec("read_header_timeout", KeyType.INT, 600L, 0L));
        k.add(new KeySpec("sync_worker", KeyType.INT, 200L, 0L));
        k.add(new KeySpec("upload_worker", KeyType.INT, 0L, 0L));
        k.add(new KeySpec("upload_queue_size", KeyType.INT, 200L, 0L));
        k.add(new KeySpec("retry_count", KeyType.INT, 3L, 0L));
        // jfastdfs-only keys: missing means the documented default.
        k.add(new KeySpec("trusted_proxies", KeyType.STRING_LIST, List.of(), List.of()));
        k.add(new KeySpec("peer_secret", KeyType.STRING, FROM_ENV, ""));
        k.add(new KeySpec("cors_allow_origins", KeyType.STRING_LIST, List.of("*"), List.of("*")));
        k.add(new KeySpec("strict_http_status", KeyType.BOOL, false, false));
        k.add(new KeySpec("download_token_secret", KeyType.STRING, "", ""));
        k.add(new KeySpec("max_upload_size", KeyType.INT, 0L, 0L));
        k.add(new KeySpec("min_free_disk_mb", KeyType.INT, 100L, 100L));
        k.add(new KeySpec("fsync_uploads", KeyType.BOOL, true, true));
        Map<String, KeySpec> m = new LinkedHashMap<>();
        for (KeySpec s : k) m.put(s.name(), s);
        KEYS = Collections.unmodifiableMap(m);
    }

    /** Keys whose values are secrets: masked in {@code reload?action=get}, never logged. */
    static final List<String> SECRET_KEYS = List.of("admin_key", "peer_secret", "download_token_secret");

    /** Keys that only take effect after a restart (reported by reload). */
    static final List<String> RESTART_KEYS = List.of("addr", "group", "support_group_manage", "enable_https",
            "enable_tus", "peer_id", "read_timeout", "write_timeout", "idle_timeout", "read_header_timeout",
            "sync_worker");

    private ConfigSchema() {}

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return Collections.unmodifiableMap(m);
    }
}
