package io.jfastdfs.merge;

import java.nio.file.Path;

/**
 * What a merged small file's slot holds on this node: the content's place inside its container
 * when LIVE (flag '1'), DELETED (flag '0': erased here, never fetched again), MISSING otherwise
 * (no container, container too short, or a slot whose bytes have not arrived).
 */
public record Slot(State state, Path container, long start, long length, long mtimeSeconds) {
    public enum State { LIVE, DELETED, MISSING }

    static final Slot MISSING = new Slot(State.MISSING, null, 0, 0, 0);
    static final Slot DELETED = new Slot(State.DELETED, null, 0, 0, 0);

    public boolean live() {
        return state == State.LIVE;
    }
}
