package io.jfastdfs.ops;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class MemInfoTest {

    private static final String SAMPLE = """
            MemTotal:       16000000 kB
            MemFree:         4000000 kB
            MemAvailable:   10000000 kB
            Buffers:          500000 kB
            Cached:          3500000 kB
            SwapCached:         1000 kB
            Active:          6000000 kB
            Inactive:        2000000 kB
            SwapTotal:       2000000 kB
            SwapFree:        1500000 kB
            Dirty:               172 kB
            Writeback:             4 kB
            Mapped:            10856 kB
            Shmem:              8872 kB
            Slab:              37628 kB
            SReclaimable:      16720 kB
            SUnreclaim:        20908 kB
            PageTables:         1828 kB
            WritebackTmp:          8 kB
            CommitLimit:    12342040 kB
            Committed_AS:      66720 kB
            VmallocTotal:   34359738367 kB
            VmallocUsed:       14300 kB
            VmallocChunk:          0 kB
            HugePages_Total:       4
            HugePages_Free:        3
            HugePages_Rsvd:        2
            HugePages_Surp:        1
            Hugepagesize:       2048 kB
            DirectMap4k:       28672 kB
            """;

    private static final List<String> KEYS = List.of("active", "available", "buffers", "cached", "commitLimit",
            "committedAS", "dirty", "free", "highFree", "highTotal", "hugePageSize", "hugePagesFree",
            "hugePagesRsvd", "hugePagesSurp", "hugePagesTotal", "inactive", "laundry", "lowFree", "lowTotal",
            "mapped", "pageTables", "shared", "slab", "sreclaimable", "sunreclaim", "swapCached", "swapFree",
            "swapTotal", "total", "used", "usedPercent", "vmallocChunk", "vmallocTotal", "vmallocUsed", "wired",
            "writeBack", "writeBackTmp");

    @Test
    void parsesSampleIntoBytes() {
        Map<String, Object> m = MemInfo.parse(SAMPLE);
        assertEquals(KEYS, List.copyOf(m.keySet()));
        assertEquals(16000000L * 1024, m.get("total"));
        assertEquals(4000000L * 1024, m.get("free"));
        assertEquals(10000000L * 1024, m.get("available"));
        assertEquals(500000L * 1024, m.get("buffers"));
        assertEquals(3500000L * 1024, m.get("cached"));
        assertEquals(8000000L * 1024, m.get("used"));
        assertEquals(50.0, m.get("usedPercent"));
        assertEquals(8872L * 1024, m.get("shared"));
        assertEquals(66720L * 1024, m.get("committedAS"));
        assertEquals(4L * 1024, m.get("writeBack"));
        assertEquals(8L * 1024, m.get("writeBackTmp"));
        assertEquals(34359738367L * 1024, m.get("vmallocTotal"));
        assertEquals(2048L * 1024, m.get("hugePageSize"));
        assertEquals(4L, m.get("hugePagesTotal"));
        assertEquals(3L, m.get("hugePagesFree"));
        assertEquals(2L, m.get("hugePagesRsvd"));
        assertEquals(1L, m.get("hugePagesSurp"));
        assertEquals(0L, m.get("wired"));
        assertEquals(0L, m.get("laundry"));
        assertEquals(0L, m.get("highTotal"));
    }

    @Test
    void everyValueIsLongExceptUsedPercent() {
        MemInfo.parse(SAMPLE).forEach((k, v) -> {
            if (k.equals("usedPercent")) {
                assertInstanceOf(Double.class, v, k);
            } else {
                assertInstanceOf(Long.class, v, k);
            }
        });
    }

    @Test
    void emptyOrGarbageGivesZeros() {
        for (String text : new String[]{"", null, "garbage\nMemTotal: lots kB\n:::\n"}) {
            Map<String, Object> m = MemInfo.parse(text);
            assertEquals(KEYS, List.copyOf(m.keySet()));
            assertEquals(0L, m.get("total"));
            assertEquals(0L, m.get("used"));
            assertEquals(0.0, m.get("usedPercent"));
        }
    }
}
