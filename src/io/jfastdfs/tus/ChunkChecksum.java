package io.jfastdfs.tus;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Upload-Checksum (checksum extension): "<algorithm> <base64 digest>" of one request body, checked
 * once the body is in; on a mismatch that body's bytes are dropped. Algorithms: md5 and sha1.
 */
final class ChunkChecksum {
    static final String ALGORITHMS = "md5,sha1";

    private final MessageDigest digest;
    private final byte[] expected;

    private ChunkChecksum(MessageDigest digest, byte[] expected) {
        this.digest = digest;
        this.expected = expected;
    }

    /** The checksum the header asks for, or null when there is none. */
    static ChunkChecksum parse(String header) {
        String h = header.trim();
        if (h.isEmpty()) return null;
        int sp = h.indexOf(' ');
        if (sp < 0) throw TusError.INVALID_CHECKSUM.error();
        String algorithm = switch (h.substring(0, sp).toLowerCase(Locale.ROOT)) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            default -> throw TusError.UNSUPPORTED_CHECKSUM.error();
        };
        try {
            return new ChunkChecksum(MessageDigest.getInstance(algorithm), Base64.getDecoder().decode(h.substring(sp + 1).trim()));
        } catch (IllegalArgumentException e) {
            throw TusError.INVALID_CHECKSUM.error();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void update(byte[] b, int off, int len) {
        digest.update(b, off, len);
    }

    boolean matches() {
        return MessageDigest.isEqual(digest.digest(), expected);
    }
}
