package io.jfastdfs.cluster;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry delays for a failing peer (API.md §5.3 item 4): 1 s doubling to 5 min, each drawn between
 * half and all of that bound so that nodes which failed together do not retry together. Never gives up.
 */
final class Backoff {
    static final long FIRST_MILLIS = 1_000;
    static final long MAX_MILLIS = 300_000;

    private int failures;

    /** Records a failure and returns how long to wait before the next attempt. */
    long next() {
        failures = Math.min(failures + 1, 30);
        long bound = Math.min(MAX_MILLIS, FIRST_MILLIS << Math.min(failures - 1, 20));
        return bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1);
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
