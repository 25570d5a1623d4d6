package io.jfastdfs.cluster;

import java.io.IOException;

/**
 * Tells one peer "my log has news" after local writes (the push half of replication). Coalesced:
 * however many uploads happen while a nudge is in flight, one more follows, never a queue. A peer
 * that is down gets none; its own start-up pull, or our probe, covers it.
 */
final class NudgeSender extends PeerLoop {
    private final PeerClient peer;

    NudgeSender(PeerClient peer) {
        this.peer = peer;
    }

    @Override
    void run() {
        while (!stopped()) {
            try {
                if (!signal.await(Long.MAX_VALUE / 2_000_000)) continue;
                if (stopped()) return;
                if (peer.state().up()) peer.nudge();
            } catch (PeerClient.Itself e) {
                return; // this node listed under another name: its puller logged it
            } catch (IOException e) {
                // the failure is in the peer's state; its puller's probe notices when it is back
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
