package io.jfastdfs.tus;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Upload ids: 128 random bits as 32 lower-case hex digits. */
final class TusIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TusIds() {}

    static String next() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static boolean valid(String id) {
        return id.length() == 32 && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
