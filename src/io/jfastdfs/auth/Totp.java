package io.jfastdfs.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 TOTP as Google Authenticator computes it: HMAC-SHA1, 30 s steps, 6 digits (API.md §6.6). */
public final class Totp {
    public static final int STEP_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    /**
     * The 6-digit code for the step containing {@code unixSeconds}.
     *
     * @throws IllegalArgumentException for an empty key (go-fastdfs computed a code for it; jfastdfs refuses)
     */
    public static String code(byte[] key, long unixSeconds) {
        return format(codeAt(mac(key), Math.floorDiv(unixSeconds, STEP_SECONDS)));
    }

    /**
     * True iff {@code code} is exactly six ASCII digits and equals the code of a step in
     * [now − window, now + window]. Every step of the window is compared, in constant time, so the
     * answer's timing says nothing about which step (if any) matched. A secret that is not valid
     * base32, or decodes to nothing, verifies nothing.
     */
    public static boolean verify(String base32Secret, String code, long unixSeconds, int windowSteps) {
        if (windowSteps < 0) throw new IllegalArgumentException("windowSteps must be >= 0: " + windowSteps);
        if (base32Secret == null || code == null || !isSixDigits(code)) return false;
        byte[] key;
        try {
            key = Base32.decode(base32Secret);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (key.length == 0) return false;
        Mac mac = mac(key);
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long now = Math.floorDiv(unixSeconds, STEP_SECONDS);
        boolean ok = false;
        for (long step = now - windowSteps; step <= now + windowSteps; step++) {
            ok |= MessageDigest.isEqual(given, format(codeAt(mac, step)).getBytes(StandardCharsets.US_ASCII));
        }
        return ok;
    }

    /** The accepted window: ±{@code download_token_expire / 30} steps, integer division (600 → 20). */
    public static int windowSteps(long downloadTokenExpireSeconds) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, downloadTokenExpireSeconds / STEP_SECONDS));
    }

    /** A fresh secret: 10 random bytes = 16 base32 characters without padding, as gen_google_secret answers. */
    public static String newSecret() {
        byte[] key = new byte[10];
        RANDOM.nextBytes(key);
        return Base32.encode(key);
    }

    private static Mac mac(byte[] key) {
        if (key.length == 0) throw new IllegalArgumentException("empty TOTP key");
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is a mandatory JDK algorithm", e);
        }
    }

    /** RFC 4226 §5.3 dynamic truncation of HMAC(counter as 8 big-endian bytes), modulo 10^6. */
    private static int codeAt(Mac mac, long step) {
        byte[] counter = new byte[8];
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) step;
            step >>>= 8;
        }
        byte[] h = mac.doFinal(counter);
        int o = h[h.length - 1] & 0x0f;
        int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        return bin % 1_000_000;
    }

    private static String format(int code) {
        return String.format("%06d", code);
    }

    private static boolean isSixDigits(String s) {
        if (s.length() != 6) return false;
        for (int i = 0; i < 6; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
