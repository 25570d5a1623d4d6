package io.jfastdfs.cluster;

/**
 * The life of one peer's long-running loop (its {@link Puller}, its {@link NudgeSender}): a job
 * thread that {@link #stop()} ends when the peer leaves the configuration, and that shutdown ends
 * with every other job.
 */
abstract class PeerLoop {
    final Signal signal = new Signal();
    private volatile boolean stopped;
    private volatile Thread thread;

    final void start(Jobs jobs, String name) {
        thread = jobs.start(name, this::run);
    }

    final void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) t.interrupt();
    }

    /** Ends the loop's current wait (coalesced: many wake-ups before it looks count once). */
    final void wake() {
        signal.raise();
    }

    final boolean stopped() {
        return stopped;
    }

    abstract void run();
}
