package io.jfastdfs.cluster;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A wake-up flag that coalesces: any number of {@link #raise()} calls while nobody waits wake the
 * next {@link #await} once. Holds no queue, so a burst of uploads costs one wake-up, not one each.
 */
final class Signal {
    private final Semaphore permits = new Semaphore(0);

    void raise() {
        if (permits.availablePermits() == 0) permits.release();
    }

    /** Waits up to {@code millis}; true when raised (or already raised) rather than timed out. */
    boolean await(long millis) throws InterruptedException {
        boolean raised = permits.tryAcquire(Math.max(0, millis), TimeUnit.MILLISECONDS);
        permits.drainPermits();
        return raised;
    }
}
