package io.jfastdfs.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemStatusTest {

    private static final List<String> LONG_KEYS = List.of("Sys.Alloc", "Sys.Frees", "Sys.GCSys", "Sys.HeapAlloc",
            "Sys.HeapObjects", "Sys.NumCpu", "Sys.NumGC", "Sys.NumGoroutine", "Sys.TotalAlloc");

    @Test
    void allKeysInOrderWithTheirTypes(@TempDir Path files) {
        Map<String, Object> m = SystemStatus.sysKeys(files);
        assertEquals(List.of("Sys.Alloc", "Sys.Frees", "Sys.GCCPUFraction", "Sys.GCSys", "Sys.HeapAlloc",
                "Sys.HeapObjects", "Sys.NumCpu", "Sys.NumGC", "Sys.NumGoroutine", "Sys.TotalAlloc",
                "Sys.DiskInfo", "Sys.MemInfo"), List.copyOf(m.keySet()));
        for (String k : LONG_KEYS) {
            assertInstanceOf(Long.class, m.get(k), k);
            assertTrue((Long) m.get(k) >= 0, k);
        }
        assertInstanceOf(Double.class, m.get("Sys.GCCPUFraction"));
        assertTrue((Long) m.get("Sys.NumCpu") >= 1);
        assertTrue((Long) m.get("Sys.NumGoroutine") >= 1);
        assertTrue((Long) m.get("Sys.Alloc") > 0);
        assertInstanceOf(Map.class, m.get("Sys.DiskInfo"));
        Map<?, ?> mem = assertInstanceOf(Map.class, m.get("Sys.MemInfo"));
        assertEquals(37, mem.size());
    }

    @Test
    void diskInfoIsNullWhenTheStoreIsUnreadable(@TempDir Path dir) {
        Map<String, Object> m = SystemStatus.sysKeys(dir.resolve("missing"));
        assertTrue(m.containsKey("Sys.DiskInfo"));
        assertNull(m.get("Sys.DiskInfo"));
    }
}
