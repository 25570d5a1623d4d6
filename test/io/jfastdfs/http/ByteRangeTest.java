package io.jfastdfs.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Single byte ranges of RFC 9110 §14 against a 29-byte file. */
class ByteRangeTest {

    @Test
    void theThreeFormsAndClamping() {
        assertEquals(new ByteRange(0, 4), ByteRange.parse("bytes=0-4", 29));
        assertEquals(new ByteRange(10, 28), ByteRange.parse("bytes=10-", 29));
        assertEquals(new ByteRange(25, 28), ByteRange.parse("bytes=-4", 29));
        assertEquals(new ByteRange(0, 28), ByteRange.parse("bytes=-100", 29));
        assertEquals(new ByteRange(20, 28), ByteRange.parse("bytes=20-1000", 29));
        assertEquals(new ByteRange(28, 28), ByteRange.parse(" BYTES=28-28 ", 29));
        assertEquals(5, ByteRange.parse("bytes=0-4", 29).length());
    }

    @Test
    void rangesStartingAtOrPastTheEndAreUnsatisfiable() {
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=29-", 29));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=29-40", 29));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=100-", 29));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=-0", 29));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=-5", 0));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=0-", 0));
    }

    @Test
    void invalidOrMultipleRangesMeanTheWholeBody() {
        for (String h : new String[] {null, "", "bytes=0-1,3-4", "items=0-1", "bytes=5-2", "bytes=a-b", "bytes=-",
            "bytes=1", "bytes=--1", "bytes=99999999999999999999-"}) {
            assertSame(ByteRange.NONE, ByteRange.parse(h, 29), String.valueOf(h));
        }
    }
}
