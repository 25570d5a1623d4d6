package io.jfastdfs.merge;

import io.jfastdfs.index.FileRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeedleTest {
    @Test
    void urlSegmentNamesContainerOffsetLengthAndExtension() {
        Needle n = Needle.parse("haystack/5/124,0,27344,.jpg").orElseThrow();
        assertEquals(new Needle("5", "124", 0, 27344, ".jpg"), n);
        assertEquals("files/haystack/5/124", n.containerFile());
        assertEquals("files/haystack/5", n.dir());
        assertEquals("124,0,27344,.jpg", n.rename());
        assertEquals(27343, n.contentLength());
    }

    @Test
    void extensionIsOptionalAndMayBeEmpty() {
        assertEquals("", Needle.parse("haystack/5/124,10,28").orElseThrow().ext());
        assertEquals("", Needle.parse("haystack/5/124,10,28,").orElseThrow().ext());
        assertEquals(".tar,gz", Needle.parse("haystack/5/124,10,28,.tar,gz").orElseThrow().ext());
    }

    @Test
    void lengthUpToOneMebibyteIsAccepted() {
        assertTrue(Needle.parse("haystack/5/124,0,1048576,.bin").isPresent());
        assertTrue(Needle.parse("haystack/5/124,0,1,.bin").isPresent());
    }

    @Test
    void malformedAddressesNameNothing() {
        for (String rel : List.of("haystack/5/124", "haystack/5/124,0", "haystack/5/124,-1,5,.txt",
                "haystack/5/124,0,1048577,.txt", "haystack/5/124,0,0,.txt", "haystack/5/124,x,5,.txt",
                "haystack/5/124,0,5x,.txt", "haystack/5/abc,0,5,.txt", "haystack/5/,0,5,.txt",
                "haystack/5/1234567890,0,5,.txt", "haystack/124,0,5,.txt", "haystack/5/6/124,0,5,.txt",
                "haystack//124,0,5,.txt", "haystack/../124,0,5,.txt", "haystack/5/+1,0,5,.txt",
                "haystack/5/124,99999999999999999999,5,.txt", "default/5/124,0,5,.txt", "haystack", "haystack/")) {
            assertFalse(Needle.parse(rel).isPresent(), rel);
        }
    }

    @Test
    void onlyTheHaystackTreeIsHaystack() {
        assertTrue(Needle.inHaystack("haystack"));
        assertTrue(Needle.inHaystack("haystack/5/124"));
        assertFalse(Needle.inHaystack("haystacks/5/124"));
        assertFalse(Needle.inHaystack("default/haystack/5"));
    }

    @Test
    void mergedRecordNamesItsSlotOnlyWhenOffsetAndSizeAgreeWithItsName() {
        FileRecord r = record("files/haystack/5", "124,31,28,.txt", 28, 31);
        assertEquals(new Needle("5", "124", 31, 28, ".txt"), Needle.of(r).orElseThrow());
        assertFalse(Needle.of(record("files/haystack/5", "124,31,28,.txt", 28, 30)).isPresent());
        assertFalse(Needle.of(record("files/haystack/5", "124,31,28,.txt", 27, 31)).isPresent());
        assertFalse(Needle.of(record("files/default/5", "124,31,28,.txt", 28, 31)).isPresent());
        assertFalse(Needle.of(record("files/haystack/5", "a.txt", 28, 31)).isPresent());
        assertFalse(Needle.of(record("files/haystack/5", "124,31,28,.txt", 28, -1)).isPresent());
    }

    private static FileRecord record(String path, String rename, long size, long offset) {
        return new FileRecord("a.txt", rename, path, "0123456789abcdef0123456789abcdef", size, List.of("http://a"),
                "default", 1, offset);
    }
}
