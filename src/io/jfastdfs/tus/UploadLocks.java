package io.jfastdfs.tus;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per upload: a PATCH, a termination, a concatenation or the reaper holds the upload's
 * lease while it works; anyone else is refused (423) rather than made to wait or to interleave bytes.
 */
final class UploadLocks {
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    /** Released by close(). */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** The lease on {@code id}; throws 423 when someone holds it. */
    Lease acquire(String id) {
        Lease l = tryAcquire(id);
        if (l == null) throw TusError.LOCKED.error();
        return l;
    }

    /** The lease on {@code id}, or null when someone holds it. */
    Lease tryAcquire(String id) {
        return busy.add(id) ? () -> busy.remove(id) : null;
    }
}
