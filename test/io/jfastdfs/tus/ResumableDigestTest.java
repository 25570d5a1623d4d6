package io.jfastdfs.tus;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResumableDigestTest {
    private static final String[] ALGORITHMS = {"md5", "sha1"};

    private static String reference(String algorithm, byte[] data, int len) throws Exception {
        MessageDigest md = MessageDigest.getInstance(algorithm.equals("sha1") ? "SHA-1" : "MD5");
        md.update(data, 0, len);
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void knownAnswersFromTheRfcs() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", hex("md5", ""));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", hex("md5", "abc"));
        assertEquals("57edf4a22be3c955ac49da2e2107b67a",
                hex("md5", "12345678901234567890123456789012345678901234567890123456789012345678901234567890"));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", hex("sha1", ""));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", hex("sha1", "abc"));
        assertEquals("84983e441c3bd26ebaae4aa1f95129e5e54670f1",
                hex("sha1", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    }

    private static String hex(String algorithm, String s) {
        ResumableDigest d = ResumableDigest.start(algorithm);
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        d.update(b, 0, b.length);
        return d.hex();
    }

    @Test
    void matchesMessageDigestForEveryLengthAroundTheBlockBoundaries() throws Exception {
        byte[] data = new byte[1100];
        new SplittableRandom(7).nextBytes(data);
        for (String algorithm : ALGORITHMS) {
            for (int len = 0; len <= data.length; len++) {
                ResumableDigest d = ResumableDigest.start(algorithm);
                d.update(data, 0, len);
                assertEquals(reference(algorithm, data, len), d.hex(), algorithm + " length " + len);
                assertEquals(len, d.length());
            }
        }
    }

    @Test
    void matchesMessageDigestOnRandomInputsFedInRandomPieces() throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        for (String algorithm : ALGORITHMS) {
            for (int round = 0; round < 200; round++) {
                byte[] data = new byte[rnd.nextInt(1, 200_000)];
                rnd.nextBytes(data);
                ResumableDigest d = ResumableDigest.start(algorithm);
                int off = 0;
                while (off < data.length) {
                    int n = Math.min(data.length - off, rnd.nextInt(0, 5000));
                    d.update(data, off, n);
                    off += n;
                }
                assertEquals(reference(algorithm, data, data.length), d.hex(), algorithm + " round " + round);
            }
        }
    }

    @Test
    void digestRestoredFromSavedStateAtAnySplitEqualsOneUninterruptedPass() throws Exception {
        SplittableRandom rnd = new SplittableRandom(9);
        byte[] data = new byte[5000];
        rnd.nextBytes(data);
        for (String algorithm : ALGORITHMS) {
            String whole = reference(algorithm, data, data.length);
            for (int split = 0; split <= 300; split++) {
                int at = split < 200 ? split : rnd.nextInt(0, data.length + 1);
                ResumableDigest first = ResumableDigest.start(algorithm);
                first.update(data, 0, at);
                first.hex(); // reading the digest midway must not disturb it
                ResumableDigest resumed = ResumableDigest.restore(first.state());
                assertEquals(at, resumed.length());
                resumed.update(data, at, data.length - at);
                assertEquals(whole, resumed.hex(), algorithm + " split at " + at);
            }
        }
    }

    @Test
    void stateRemembersItsAlgorithm() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        ResumableDigest sha1 = ResumableDigest.start("SHA1");
        sha1.update(abc, 0, 1);
        ResumableDigest restored = ResumableDigest.restore(sha1.state());
        restored.update(abc, 1, 2);
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", restored.hex());
    }

    @Test
    void damagedStateIsRefused() {
        ResumableDigest d = ResumableDigest.start("md5");
        d.update(new byte[70], 0, 70);
        byte[] state = d.state();
        assertThrows(IllegalArgumentException.class, () -> ResumableDigest.restore(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ResumableDigest.restore(new byte[] {9, 0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> ResumableDigest.restore(java.util.Arrays.copyOf(state, state.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> ResumableDigest.restore(java.util.Arrays.copyOf(state, 5)));
    }
}
