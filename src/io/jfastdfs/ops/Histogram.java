package io.jfastdfs.ops;

import java.util.concurrent.atomic.LongAdder;

/** A request-duration histogram with fixed buckets; observing is lock-free and allocates nothing. */
final class Histogram {
    /** Upper bounds in seconds, as written in the {@code le} label. */
    static final String[] LE = {"0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1",
            "2.5", "5", "10", "30", "60", "300"};
    private static final long[] BOUNDS_NANOS = new long[LE.length];

    static {
        for (int i = 0; i < LE.length; i++) BOUNDS_NANOS[i] = Math.round(Double.parseDouble(LE[i]) * 1e9);
    }

    /** Per-bucket counts (not cumulative); the last one is +Inf. */
    private final LongAdder[] counts = new LongAdder[LE.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    Histogram() {
        for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
    }

    void observe(long nanos) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) i++;
        counts[i].increment();
        sumNanos.add(nanos);
    }

    /** Writes name_bucket (cumulative), name_sum and name_count with {@code label}="{@code value}". */
    void write(PrometheusText out, String name, String label, String value) {
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i].sum();
            out.sample(name + "_bucket", cumulative, label, value, "le", i < LE.length ? LE[i] : "+Inf");
        }
        out.sample(name + "_sum", sumNanos.sum() / 1e9, label, value);
        out.sample(name + "_count", cumulative, label, value);
    }
}
