package io.jfastdfs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TotpTest {
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String RFC_SECRET = Base32.encode(RFC_KEY);

    @Test
    void matchesRfc6238Sha1TestVectors() {
        long[] times = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};
        String[] eightDigits = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
        for (int i = 0; i < times.length; i++) {
            assertEquals(eightDigits[i].substring(2), Totp.code(RFC_KEY, times[i]), "t=" + times[i]);
            assertTrue(Totp.verify(RFC_SECRET, eightDigits[i].substring(2), times[i], 0), "t=" + times[i]);
        }
    }

    @Test
    void codesHaveSixDigitsWithLeadingZeros() {
        assertEquals("081804", Totp.code(RFC_KEY, 1111111109L));
    }

    @Test
    void windowIsDownloadTokenExpireOverThirtyIntegerDivision() {
        assertEquals(20, Totp.windowSteps(600));
        assertEquals(1, Totp.windowSteps(59));
        assertEquals(0, Totp.windowSteps(29));
        assertEquals(0, Totp.windowSteps(0));
        assertEquals(0, Totp.windowSteps(-600));
    }

    @Test
    void acceptsCodesExactlyWithinTheWindow() {
        long now = 1_700_000_000L;
        int window = Totp.windowSteps(600);
        assertTrue(Totp.verify(RFC_SECRET, Totp.code(RFC_KEY, now - 20 * 30), now, window));
        assertTrue(Totp.verify(RFC_SECRET, Totp.code(RFC_KEY, now + 20 * 30), now, window));
        String tooOld = Totp.code(RFC_KEY, now - 21 * 30);
        String tooNew = Totp.code(RFC_KEY, now + 21 * 30);
        // A code outside the window could coincide with one inside (1 in 50,000); these two do not.
        assertFalse(Totp.verify(RFC_SECRET, tooOld, now, window));
        assertFalse(Totp.verify(RFC_SECRET, tooNew, now, window));
        assertTrue(Totp.verify(RFC_SECRET, tooOld, now, window + 1));
    }

    @Test
    void zeroWindowAcceptsOnlyTheCurrentStep() {
        long now = 1_700_000_010L; // first second of its 30 s step
        assertTrue(Totp.verify(RFC_SECRET, Totp.code(RFC_KEY, now), now + 29, 0));
        assertFalse(Totp.verify(RFC_SECRET, Totp.code(RFC_KEY, now), now + 30, 0));
    }

    @Test
    void rejectsAnythingButSixAsciiDigits() {
        long t = 1111111111L;
        assertTrue(Totp.verify(RFC_SECRET, "050471", t, 0));
        for (String bad : new String[] {"50471", "0504710", " 050471", "050471 ", "05047a", "\u0660\u0665\u0660471",
                "", "+50471", "14050471"}) {
            assertFalse(Totp.verify(RFC_SECRET, bad, t, 1), bad);
        }
        assertFalse(Totp.verify(RFC_SECRET, null, t, 1));
    }

    @Test
    void invalidOrEmptySecretVerifiesNothing() {
        assertFalse(Totp.verify("", "123456", 0, 20));
        assertFalse(Totp.verify(null, "123456", 0, 20));
        assertFalse(Totp.verify("JBSWY3D1", "123456", 0, 20));
        assertThrows(IllegalArgumentException.class, () -> Totp.code(new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> Totp.verify(RFC_SECRET, "123456", 0, -1));
    }

    @Test
    void secretIsLowerCaseAndSpacingTolerant() {
        String spaced = RFC_SECRET.toLowerCase().replaceAll("(.{4})", "$1 ");
        assertTrue(Totp.verify(spaced, "287082", 59, 0));
    }

    @Test
    void newSecretsAreSixteenBase32CharactersAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String s = Totp.newSecret();
            assertTrue(s.matches("[A-Z2-7]{16}"), s);
            assertEquals(10, Base32.decode(s).length);
            seen.add(s);
        }
        assertEquals(50, seen.size());
        assertNotEquals(Totp.newSecret(), Totp.newSecret());
    }
}
