package io.jfastdfs.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Download tokens of API.md §2.4: {@code token = md5_hex(<record md5> + <timestamp> [+ secret])}. */
public final class DownloadToken {
    private DownloadToken() {}

    /** The token a client must send for {@code md5} at {@code timestamp}; an empty or null secret adds nothing. */
    public static String make(String md5, long timestamp, String secret) {
        return md5Hex(md5 + timestamp + nonNull(secret));
    }

    /**
     * True iff the file has a record md5 (go-fastdfs let any token through without one; jfastdfs denies),
     * token and timestamp are present, the timestamp is an integer within ±{@code expireSeconds} of now,
     * and the token matches, case-insensitively and compared in constant time. The timestamp is hashed as
     * sent, like go-fastdfs does, so a client's own formatting of it keeps working.
     */
    public static boolean verify(String recordMd5, String token, String timestamp, long nowSeconds,
                                 long expireSeconds, String secret) {
        if (isEmpty(recordMd5) || isEmpty(token) || isEmpty(timestamp)) return false;
        try {
            long ts = Long.parseLong(timestamp);
            if (Math.absExact(Math.subtractExact(nowSeconds, ts)) > expireSeconds) return false;
        } catch (NumberFormatException | ArithmeticException e) {
            return false;
        }
        byte[] expected = md5Hex(recordMd5 + timestamp + nonNull(secret)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    private static String md5Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
