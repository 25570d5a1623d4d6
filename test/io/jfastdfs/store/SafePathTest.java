package io.jfastdfs.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one safe-path check (API.md §1.9) in every form a hostile value can take. */
class SafePathTest {

    @Test
    void requestPathsWithTraversalInAnyEncodingAreRefused() {
        String[][] refused = {
            {"/group1/../x", "/group1/../x"}, {"/group1/%2e%2e/x", "/group1/../x"}, {"/a/%2fb", "/a//b"},
            {"/a/%5cb", "/a/\\b"}, {"/a/%00b", "/a/\0b"}, {"/a/%252e%252e/b", "/a/%2e%2e/b"}, {"/a/./b", "/a/./b"},
            {"/a//b", "/a//b"}, {"/..", "/.."}, {"/a/\u0001", "/a/\u0001"}, {"/a/\u007f", "/a/\u007f"},
            {"relative", "relative"}, {null, ""},
        };
        for (String[] c : refused) {
            assertThrows(UnsafePathException.class, () -> SafePath.requestPath(c[0], c[1]), c[0]);
        }
    }

    @Test
    void ordinaryRequestPathsPassUnchangedIncludingATrailingSlash() {
        assertEquals("/", SafePath.requestPath("/", "/"));
        assertEquals("/group1/a..b/c.txt", SafePath.requestPath("/group1/a..b/c.txt", "/group1/a..b/c.txt"));
        assertEquals("/group1/dir/", SafePath.requestPath("/group1/dir/", "/group1/dir/"));
        assertEquals("/group1/报告 1.txt", SafePath.requestPath("/group1/%E6%8A%A5%E5%91%8A%201.txt", "/group1/报告 1.txt"));
        assertEquals("/group1/.hidden", SafePath.requestPath("/group1/.hidden", "/group1/.hidden"));
    }

    @Test
    void aSceneIsOnePlainSegment() {
        for (String bad : new String[] {"", ".", "..", "a/b", "/a", "a\\b", "%2e%2e", "%252e", "a\0", "a\nb"}) {
            assertThrows(UnsafePathException.class, () -> SafePath.segment(bad), bad);
        }
        assertEquals("pics", SafePath.segment("pics"));
        assertEquals("图片", SafePath.segment("图片"));
    }

    @Test
    void aRelativeDirectoryHasOnlyPlainSegments() {
        for (String bad : new String[] {"/etc", "../x", "a/../b", "a/./b", "a//b", "C:/x", "c:\\x", "a\\b", "%2e%2e/x", "a\tb"}) {
            assertThrows(UnsafePathException.class, () -> SafePath.relative(bad), bad);
        }
        assertEquals("a/b", SafePath.relative("a/b/"));
        assertEquals("my/dir.x", SafePath.relative("my/dir.x"));
    }

    @Test
    void aClientFileNameLosesItsDirectoriesButTraversalIsRefused() {
        assertEquals("foo.txt", SafePath.clientFileName("C:\\Users\\x\\foo.txt"));
        assertEquals("foo.txt", SafePath.clientFileName("/home/x/foo.txt"));
        assertEquals("a..b.txt", SafePath.clientFileName("a..b.txt"));
        for (String bad : new String[] {"../x.txt", "..\\x.txt", "a/../x", "%2e%2e/x", "x\0.txt"}) {
            assertThrows(UnsafePathException.class, () -> SafePath.clientFileName(bad), bad);
        }
    }

    @Test
    void aStoredNameIsOnePlainNameOfAtMost255Bytes() {
        assertEquals("renamed.bin", SafePath.name("renamed.bin"));
        assertEquals("x".repeat(255), SafePath.name("x".repeat(255)));
        for (String bad : new String[] {"x".repeat(256), "好".repeat(86), "a/b", "..", ".", "", "a\\b", "a\u0000"}) {
            assertThrows(UnsafePathException.class, () -> SafePath.name(bad), bad);
        }
    }

    @Test
    void resolvingNeverLeavesTheRoot() {
        Path root = Path.of("/data/files");
        assertEquals(Path.of("/data/files/a/b"), SafePath.resolveInside(root, "a/b"));
        assertThrows(UnsafePathException.class, () -> SafePath.resolveInside(root, "../conf"));
        assertThrows(UnsafePathException.class, () -> SafePath.resolveInside(root, "/etc/passwd"));
        assertThrows(UnsafePathException.class, () -> SafePath.resolveInside(root, "a/../../x"));
    }

    @Test
    void aSymlinkOutOfTheRootIsNotReallyInside() throws Exception {
        Path base = Files.createTempDirectory("safepath");
        try {
            Path root = Files.createDirectories(base.resolve("files"));
            Path outside = Files.writeString(base.resolve("secret"), "s");
            Path link = Files.createSymbolicLink(root.resolve("link"), outside);
            Path inside = Files.writeString(root.resolve("plain"), "p");
            assertFalse(SafePath.reallyInside(root, link));
            assertTrue(SafePath.reallyInside(root, inside));
        } finally {
            io.jfastdfs.testkit.Files2.deleteTree(base);
        }
    }
}
