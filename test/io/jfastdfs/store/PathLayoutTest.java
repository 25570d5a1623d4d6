package io.jfastdfs.store;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Placement of API.md §3.1 and the custom path rules of §2.1. */
class PathLayoutTest {
    static final LocalDateTime WHEN = LocalDateTime.of(2026, 11, 24, 23, 5);

    @Test
    void datedDirectoriesLeaveOutEmptySceneAndPeerLevels() {
        assertEquals("files/default/20261124/23/05/1", PathLayout.datedDir("default", "1", WHEN));
        assertEquals("files/20261124/23/05/1", PathLayout.datedDir("", "1", WHEN));
        assertEquals("files/pics/20261124/23/05", PathLayout.datedDir("pics", "", WHEN));
    }

    @Test
    void customPathsLoseDotsAndOuterSlashes() {
        assertEquals("files/my/dirx", PathLayout.customDir("my/dir.x"));
        assertEquals("files/my/dir", PathLayout.customDir("/my/dir/"));
        assertEquals("files/a/b", PathLayout.customDir("files/a/b"));
        assertEquals("files/pics/a", PathLayout.sceneCustomDir("pics", "a"));
    }

    @Test
    void customPathsThatTraverseOrHitInternalDirectoriesAreRefused() {
        for (String bad : new String[] {"../x", "a/../../b", "/", "..", "_tmp", "_big/x", "haystack", "files/_tmp/x",
            "a//b", "a\\b", "%2e%2e"}) {
            assertThrows(UnsafePathException.class, () -> PathLayout.customDir(bad), bad);
        }
    }
}
