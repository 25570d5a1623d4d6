package io.jfastdfs.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskInfoTest {

    private static final String MOUNTS = """
            proc /proc proc rw,relatime 0 0
            /dev/vda / ext4 rw,relatime 0 0
            /dev/vdb /data xfs rw 0 0
            /dev/vdc /data/store btrfs rw 0 0
            tmpfs /data/store tmpfs rw 0 0
            /dev/vdd /data/my\\040files ext3 rw 0 0
            /dev/vde /datastore zfs rw 0 0
            """;

    @Test
    void longestMountPointPrefixWins() {
        assertEquals("ext4", DiskInfo.fsTypeFromMounts(MOUNTS, Path.of("/home/x/files")));
        assertEquals("xfs", DiskInfo.fsTypeFromMounts(MOUNTS, Path.of("/data/other/files")));
        assertEquals("xfs", DiskInfo.fsTypeFromMounts(MOUNTS, Path.of("/data")));
        assertEquals("ext4", DiskInfo.fsTypeFromMounts(MOUNTS, Path.of("/dat")));
    }

    @Test
    void laterMountOverSamePointWins() {
        assertEquals("tmpfs", DiskInfo.fsTypeFromMounts(MOUNTS, Path.of("/data/store/files")));
    }

    @Test
    void matchesWholePathComponentsAndDecodesEscapes() {
        assertEquals("zfs", DiskInfo.fsTypeFromMounts(MOUNTS, Path.of("/datastore/files")));
        assertEquals("ext3", DiskInfo.fsTypeFromMounts(MOUNTS, Path.of("/data/my files/files")));
        assertNull(DiskInfo.fsTypeFromMounts("", Path.of("/x")));
    }

    @Test
    void reportsTheFilesystemOfADirectory(@TempDir Path dir) {
        Map<String, Object> m = DiskInfo.of(dir);
        assertNotNull(m);
        assertEquals(List.of("free", "fstype", "inodesFree", "inodesTotal", "inodesUsed", "inodesUsedPercent",
                "path", "total", "used", "usedPercent"), List.copyOf(m.keySet()));
        assertEquals("files", m.get("path"));
        assertInstanceOf(String.class, m.get("fstype"));
        assertTrue(((String) m.get("fstype")).length() > 0);
        assertTrue((Long) m.get("total") > 0);
        assertTrue((Long) m.get("free") <= (Long) m.get("total"));
        assertInstanceOf(Double.class, m.get("usedPercent"));
        assertInstanceOf(Double.class, m.get("inodesUsedPercent"));
        assertEquals(0L, m.get("inodesTotal"));
    }

    @Test
    void missingDirectoryIsNull(@TempDir Path dir) {
        assertNull(DiskInfo.of(dir.resolve("absent")));
    }
}
