package io.jfastdfs.ops;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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

    /** Garbage collections since start, over all collectors: how many and the time they took. */
    record GcTotals(long count, long millis) {}

    /** The twelve {@code Sys.*} keys (the pretty writer sorts them); {@code filesDir} is the store root. */
    public static Map<String, Object> sysKeys(Path filesDir) {
        long heapUsed = heapUsed();
        GcTotals gc = gcTotals();
        long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Sys.Alloc", heapUsed);
        out.put("Sys.Frees", 0L);
        out.put("Sys.GCCPUFraction", uptimeMillis <= 0 ? 0.0 : (double) gc.millis() / uptimeMillis);
        out.put("Sys.GCSys", 0L);
        out.put("Sys.HeapAlloc", heapUsed);
        out.put("Sys.HeapObjects", 0L);
        out.put("Sys.NumCpu", (long) Runtime.getRuntime().availableProcessors());
        out.put("Sys.NumGC", gc.count());
        out.put("Sys.NumGoroutine", (long) ManagementFactory.getThreadMXBean().getThreadCount());
        out.put("Sys.TotalAlloc", totalAllocated());
        out.put("Sys.DiskInfo", DiskInfo.of(filesDir));
        out.put("Sys.MemInfo", MemInfo.parse(readMeminfo()));
        return out;
    }

    /** Heap in use. G1's MXBean reports 0 used until regions retire; Runtime also counts the regions in use. */
    static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return Math.max(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                runtime.totalMemory() - runtime.freeMemory());
    }

    static GcTotals gcTotals() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new GcTotals(count, millis);
    }

    /** HotSpot counts bytes allocated by all threads since start; other JVMs fall back to committed heap. */
    private static long totalAllocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot
                && hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled()) {
            long total = hotspot.getTotalThreadAllocatedBytes();
            if (total >= 0) {
                return total;
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
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
