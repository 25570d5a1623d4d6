package io.jfastdfs.ops;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code Sys.*} keys of {@code /status} (API.md §2.13): JVM equivalents of the Go runtime's MemStats,
 * plus host disk and memory. Go-only fields without a JVM counterpart (Frees, HeapObjects, GCSys) are 0.
 */
public final class SystemStatus {

    private static final Path PROC_MEMINFO = Path.of("/proc/meminfo");

    private SystemStatus() {
    }

    /** The twelve {@code Sys.*} keys, in the order go-fastdfs emits them; {@code filesDir} is the store root. */
    public static Map<String, Object> sysKeys(Path filesDir) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        // G1's MXBean reports 0 used until regions retire; Runtime also counts the regions in use.
        Runtime runtime = Runtime.getRuntime();
        long heapUsed = Math.max(heap.getUsed(), runtime.totalMemory() - runtime.freeMemory());
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Sys.Alloc", heapUsed);
        out.put("Sys.Frees", 0L);
        out.put("Sys.GCCPUFraction", uptimeMillis <= 0 ? 0.0 : (double) gcMillis / uptimeMillis);
        out.put("Sys.GCSys", 0L);
        out.put("Sys.HeapAlloc", heapUsed);
        out.put("Sys.HeapObjects", 0L);
        out.put("Sys.NumCpu", (long) runtime.availableProcessors());
        out.put("Sys.NumGC", gcCount);
        out.put("Sys.NumGoroutine", (long) ManagementFactory.getThreadMXBean().getThreadCount());
        out.put("Sys.TotalAlloc", totalAllocated(heap));
        out.put("Sys.DiskInfo", DiskInfo.of(filesDir));
        out.put("Sys.MemInfo", MemInfo.parse(readMeminfo()));
        return out;
    }

    /** HotSpot counts bytes allocated by all threads since start; other JVMs fall back to committed heap. */
    private static long totalAllocated(MemoryUsage heap) {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot
                && hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled()) {
            long total = hotspot.getTotalThreadAllocatedBytes();
            if (total >= 0) {
                return total;
            }
        }
        return heap.getCommitted();
    }

    private static String readMeminfo() {
        try {
            return Files.readString(PROC_MEMINFO);
        } catch (IOException | RuntimeException e) {
            // Not Linux: every MemInfo field reports 0.
            return "";
        }
    }
}
