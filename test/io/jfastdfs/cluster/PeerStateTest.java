package io.jfastdfs.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The watermark behind the "sync delayed" alarm: since when a peer lacks part of this node's log. */
class PeerStateTest {
    @Test
    void aPeerThatHasReadEverythingIsNotBehind() {
        PeerState s = new PeerState();
        s.read(10, 10, 1_000);
        assertEquals(0, s.behind());
        assertEquals(0, s.behindSince());
    }

    @Test
    void aStuckPeerStaysBehindSinceItsFirstCallThatLeftSomethingUnread() {
        PeerState s = new PeerState();
        s.read(0, 5, 1_000);
        s.read(0, 9, 2_000);
        s.read(4, 12, 3_000); // progress, but not yet up to what the log held at 1_000
        assertEquals(8, s.behind());
        assertEquals(1_000, s.behindSince());
    }

    @Test
    void readingPastTheMarkMovesItToTheLogsEndNow() {
        PeerState s = new PeerState();
        s.read(0, 5, 1_000);
        s.read(5, 12, 2_000); // has all the log held at 1_000; lacks what came since
        assertEquals(2_000, s.behindSince());
        s.read(12, 12, 2_500);
        assertEquals(0, s.behindSince());
        s.read(12, 13, 3_000);
        assertEquals(3_000, s.behindSince());
    }

    @Test
    void aPeerAskingBeyondTheLogsEndIsNotBehind() {
        PeerState s = new PeerState();
        s.read(3, 5, 1_000);
        s.read(50, 5, 2_000); // the log was started anew; the peer is about to reread it
        assertEquals(0, s.behind());
        assertEquals(0, s.behindSince());
    }

    @Test
    void aPeerThatStopsReadingFallsBehindAsTheLogGrows() {
        PeerState s = new PeerState();
        s.read(10, 10, 1_000); // caught up, then it goes quiet (down, or stuck)
        s.logEndsAt(10, 1_100);
        assertEquals(0, s.behind());
        assertEquals(0, s.behindSince());
        s.logEndsAt(13, 1_200);
        assertEquals(3, s.behind());
        assertEquals(1_200, s.behindSince());
        s.logEndsAt(20, 1_300);
        assertEquals(10, s.behind());
        assertEquals(1_200, s.behindSince(), "it still lacks what the log held at 1_200");
        s.read(13, 20, 1_400); // back: it has what the log held at 1_200, not yet the rest
        assertEquals(7, s.behind());
        assertEquals(1_400, s.behindSince());
    }

    @Test
    void beforeThePeersFirstReadNothingIsKnownOfIt() {
        PeerState s = new PeerState();
        s.logEndsAt(50, 1_000);
        assertEquals(0, s.behind());
        assertEquals(0, s.behindSince());
    }
}
