package io.jfastdfs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DownloadTokenTest {
    private static final String MD5 = "2b33b60980b1a37454f008daf7e5d558";
    private static final long TS = 1566783964L;

    private static String md5Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void apiMdExampleTokenIsMd5OfMd5AndTimestamp() throws Exception {
        String expected = md5Hex("2b33b60980b1a37454f008daf7e5d5581566783964");
        assertEquals(expected, DownloadToken.make(MD5, TS, ""));
        assertEquals(expected, DownloadToken.make(MD5, TS, null));
        assertTrue(DownloadToken.verify(MD5, expected, "1566783964", TS, 600, ""));
        assertTrue(DownloadToken.verify(MD5, expected, "1566783964", TS, 600, null));
    }

    @Test
    void tokenIsCaseInsensitiveHex() {
        String token = DownloadToken.make(MD5, TS, "");
        assertTrue(DownloadToken.verify(MD5, token.toUpperCase(), "1566783964", TS, 600, ""));
    }

    @Test
    void timestampWindowIsInclusive() {
        String token = DownloadToken.make(MD5, TS, "");
        assertTrue(DownloadToken.verify(MD5, token, "1566783964", TS + 600, 600, ""));
        assertTrue(DownloadToken.verify(MD5, token, "1566783964", TS - 600, 600, ""));
        assertFalse(DownloadToken.verify(MD5, token, "1566783964", TS + 601, 600, ""));
        assertFalse(DownloadToken.verify(MD5, token, "1566783964", TS - 601, 600, ""));
    }

    @Test
    void missingOrMalformedParametersAreDenied() {
        String token = DownloadToken.make(MD5, TS, "");
        assertFalse(DownloadToken.verify(MD5, null, "1566783964", TS, 600, ""));
        assertFalse(DownloadToken.verify(MD5, "", "1566783964", TS, 600, ""));
        assertFalse(DownloadToken.verify(MD5, token, null, TS, 600, ""));
        assertFalse(DownloadToken.verify(MD5, token, "", TS, 600, ""));
        assertFalse(DownloadToken.verify(MD5, token, "1566783964.0", TS, 600, ""));
        assertFalse(DownloadToken.verify(MD5, token, "abc", TS, 600, ""));
        assertFalse(DownloadToken.verify(MD5, token, "99999999999999999999", TS, 600, ""));
        assertFalse(DownloadToken.verify(MD5, token, String.valueOf(Long.MIN_VALUE), Long.MAX_VALUE, 600, ""));
    }

    @Test
    void pathWithoutRecordIsDeniedUnlikeGoFastdfs() {
        String anyToken = DownloadToken.make("", TS, "");
        assertFalse(DownloadToken.verify("", anyToken, "1566783964", TS, 600, ""));
        assertFalse(DownloadToken.verify(null, anyToken, "1566783964", TS, 600, ""));
    }

    @Test
    void wrongTokenOrOtherFileIsDenied() {
        String token = DownloadToken.make(MD5, TS, "");
        assertFalse(DownloadToken.verify("00000000000000000000000000000000", token, "1566783964", TS, 600, ""));
        assertFalse(DownloadToken.verify(MD5, token.substring(1), "1566783964", TS, 600, ""));
        assertFalse(DownloadToken.verify(MD5, DownloadToken.make(MD5, TS + 1, ""), "1566783964", TS, 600, ""));
    }

    @Test
    void secretIsAppendedWhenConfigured() throws Exception {
        String withSecret = DownloadToken.make(MD5, TS, "s3cret");
        assertEquals(md5Hex(MD5 + TS + "s3cret"), withSecret);
        assertNotEquals(DownloadToken.make(MD5, TS, ""), withSecret);
        assertTrue(DownloadToken.verify(MD5, withSecret, "1566783964", TS, 600, "s3cret"));
        assertFalse(DownloadToken.verify(MD5, DownloadToken.make(MD5, TS, ""), "1566783964", TS, 600, "s3cret"));
        assertFalse(DownloadToken.verify(MD5, withSecret, "1566783964", TS, 600, ""));
    }

    @Test
    void timestampIsHashedAsSent() throws Exception {
        String token = md5Hex(MD5 + "+1566783964");
        assertTrue(DownloadToken.verify(MD5, token, "+1566783964", TS, 600, ""));
        assertFalse(DownloadToken.verify(MD5, DownloadToken.make(MD5, TS, ""), "+1566783964", TS, 600, ""));
    }
}
