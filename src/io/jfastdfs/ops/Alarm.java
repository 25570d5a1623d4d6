package io.jfastdfs.ops;

/**
 * One alarm in go-fastdfs's payload shape (API.md §6.1): {@code subject}, and a message
 * {@code <subject>\nserver:<server>\nerror:\n<error>} (no error part when there is none, e.g. a recovery).
 */
public record Alarm(String subject, String server, String error) {
    public static final String SERVER_ERROR = "fastdfs server error";
    public static final String SERVER_RECOVERED = "fastdfs server recovered";
    public static final String DISK_LOW = "fastdfs disk low";
    public static final String CONFIG_CONFLICT = "fastdfs config conflict";
    public static final String SYNC_DELAYED = "fastdfs sync delayed";

    public String message() {
        return subject + "\nserver:" + server + (error.isEmpty() ? "" : "\nerror:\n" + error);
    }
}
