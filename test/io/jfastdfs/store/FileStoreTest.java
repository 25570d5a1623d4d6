package io.jfastdfs.store;

import io.jfastdfs.testkit.Files2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a download path names (API.md §1.9, §2.3) and how temp files are placed (§3.7). */
class FileStoreTest {
    Path base;
    FileStore store;

    @BeforeEach
    void open() throws Exception {
        base = Files.createTempDirectory("filestore");
        store = new FileStore(base);
        Files.createDirectories(base.resolve("files/a/b"));
        Files.writeString(base.resolve("files/a/b/c.txt"), "plain");
        Files.writeString(base.resolve("outside.txt"), "secret");
    }

    @AfterEach
    void close() throws Exception {
        Files2.deleteTree(base);
    }

    @Test
    void plainFilesAndDirectoriesAreFoundWithTheirAttributes() {
        FileStore.Entry f = store.entry("a/b/c.txt").orElseThrow();
        assertTrue(f.attrs().isRegularFile());
        assertEquals(5, f.attrs().size());
        assertTrue(store.entry("a/b").orElseThrow().attrs().isDirectory());
        assertTrue(store.entry("a/b/").orElseThrow().attrs().isDirectory());
        assertEquals(Optional.empty(), store.entry("a/b/none.txt"));
        assertEquals(Optional.empty(), store.entry("a/b/c.txt/d"), "a file where a directory should be");
    }

    @Test
    void symlinksAreFollowedOnlyInsideTheServableStore() throws Exception {
        Files.createSymbolicLink(base.resolve("files/a/in.txt"), base.resolve("files/a/b/c.txt"));
        Files.createSymbolicLink(base.resolve("files/a/indir"), base.resolve("files/a/b"));
        Files.createSymbolicLink(base.resolve("files/a/out.txt"), base.resolve("outside.txt"));
        Files.createSymbolicLink(base.resolve("files/a/outdir"), base);
        Files.createSymbolicLink(base.resolve("files/a/tmp"), base.resolve("files/_tmp"));
        Files.createSymbolicLink(base.resolve("files/a/root"), base.resolve("files"));
        assertEquals(5, store.entry("a/in.txt").orElseThrow().attrs().size());
        assertEquals(5, store.entry("a/indir/c.txt").orElseThrow().attrs().size());
        for (String refused : List.of("a/out.txt", "a/outdir/outside.txt", "a/outdir", "a/tmp", "a/root", "_tmp/x", "_big")) {
            assertThrows(UnsafePathException.class, () -> store.entry(refused), refused);
            assertFalse(store.servable(refused).isPresent(), refused);
        }
        assertEquals(Optional.empty(), store.entry("a/outdir/missing"), "a dangling path is just missing");
    }

    @Test
    void aPlacedTempFileIsUnderItsNameAndDiscardingItAfterwardsRemovesNothing() throws Exception {
        TempFile t = store.newTemp("md5", 0);
        byte[] b = "placed".getBytes(StandardCharsets.UTF_8);
        t.write(b, 0, b.length);
        t.finish(true);
        Path temp = t.path();
        assertEquals("0_c.txt", store.place(t, "files/a/b", "c.txt", false, true), "an existing name is never replaced");
        assertFalse(Files.exists(temp));
        t.discard();
        assertEquals("placed", Files.readString(base.resolve("files/a/b/0_c.txt")));
        assertEquals("plain", Files.readString(base.resolve("files/a/b/c.txt")));
        assertTrue(store.present("files/a/b/0_c.txt", b.length));
        assertFalse(store.present("files/a/b/0_c.txt", b.length + 1));
        assertFalse(store.present("files/a/b", 4096), "a directory is not a stored file");
    }
}
