package io.jfastdfs.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Name rules of API.md §3.5. */
class FileNamesTest {

    @Test
    void cleaningDeletesGoFastdfsSpecialCharactersAndDots() {
        assertEquals("myfilev12.txt", FileNames.clean("my file-v1 (2).txt", true));
        assertEquals("abc.txt", FileNames.clean("a:b*c?\"<>|[]{},;'#@%&$^~=+-!.txt", true));
        assertEquals("ab.txt", FileNames.clean("a\tb\r\n.txt", true));
        assertEquals("x.txt", FileNames.clean("x....txt", true));
        assertEquals("报告1.txt", FileNames.clean("报告 1.txt", true));
        assertEquals("my file-v1 (2).txt", FileNames.clean("my file-v1 (2).txt", false));
    }

    @Test
    void safetyStepStripsControlsAndRefusesDotNames() {
        assertEquals("ab.txt", FileNames.safe("a\u0001b\u007f.txt"));
        assertEquals("ab", FileNames.safe("a\u0085b"));
        assertEquals("", FileNames.safe("."));
        assertEquals("", FileNames.safe(".."));
        assertEquals("", FileNames.clean("()", true));
    }

    @Test
    void longNamesAreCappedAt255BytesKeepingTheExtension() {
        String capped = FileNames.safe("好".repeat(200) + ".txt");
        assertTrue(capped.endsWith(".txt"), capped);
        assertTrue(capped.getBytes(StandardCharsets.UTF_8).length <= 255, capped);
        assertEquals(83, capped.length() - 4, "as many whole 3-byte characters as fit");
        String emoji = FileNames.safe("😀".repeat(100));
        assertEquals(63, emoji.codePointCount(0, emoji.length()), "never a split character");
    }

    @Test
    void extensionsAndCollisionCandidates() {
        assertEquals(".gz", FileNames.extension("a.TAR.gz"));
        assertEquals(".jpg", FileNames.lowerExtension("A.JPG"));
        assertEquals("", FileNames.extension("noext"));
        assertEquals("c.txt", FileNames.candidate("c.txt", 0));
        assertEquals("0_c.txt", FileNames.candidate("c.txt", 1));
        assertEquals("9998_c.txt", FileNames.candidate("c.txt", 9999));
    }
}
