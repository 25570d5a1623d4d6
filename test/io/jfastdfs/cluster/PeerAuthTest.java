package io.jfastdfs.cluster;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PeerAuthTest {
    static final String PEER = "http://10.0.0.2:8080";
    static final String PQ = "/group1/_peer/events?after=0&limit=500&from=http%3A%2F%2F10.0.0.2%3A8080";
    static final long NOW = 1_795_521_600L;

    @TempDir
    Path dir;

    private Config config(String secret) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("addr", ":8080");
        m.put("host", "http://10.0.0.1:8080");
        m.put("peers", List.of("http://10.0.0.1:8080", PEER));
        m.put("peer_secret", secret);
        ConfigFile f = new ConfigFile(dir, Map.of(), c -> { });
        f.create(m);
        return f.load();
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void correctlySignedCallFromAConfiguredPeerIsThatPeer() throws Exception {
        Config cfg = config("s3cret");
        String header = Nodes.signature("s3cret", "GET", PQ, NOW);
        assertEquals(Optional.of(PEER), PeerAuth.verify(cfg, "GET", PQ, header, PEER, ip("192.0.2.9"), NOW + 299));
    }

    @Test
    void missingWrongStaleOrReusedSignaturesAreRefused() throws Exception {
        Config cfg = config("s3cret");
        String good = Nodes.signature("s3cret", "GET", PQ, NOW);
        InetAddress peerIp = ip("10.0.0.2");
        assertEquals(Optional.empty(), PeerAuth.verify(cfg, "GET", PQ, "", PEER, peerIp, NOW));
        String guessed = Nodes.signature("guess", "GET", PQ, NOW);
        assertEquals(Optional.empty(), PeerAuth.verify(cfg, "GET", PQ, guessed, PEER, peerIp, NOW));
        assertEquals(Optional.empty(), PeerAuth.verify(cfg, "GET", PQ, good, PEER, peerIp, NOW + 301));
        assertEquals(Optional.empty(), PeerAuth.verify(cfg, "POST", PQ, good, PEER, peerIp, NOW));
        String tampered = PQ.replace("after=0", "after=9");
        assertEquals(Optional.empty(), PeerAuth.verify(cfg, "GET", tampered, good, PEER, peerIp, NOW));
        assertEquals(Optional.empty(), PeerAuth.verify(cfg, "GET", PQ, NOW + ":" + "0".repeat(64), PEER, peerIp, NOW));
        assertEquals(Optional.empty(), PeerAuth.verify(cfg, "GET", PQ, "garbage", PEER, peerIp, NOW));
    }

    @Test
    void senderMustBeAConfiguredPeerExactlyNeverAPrefix() throws Exception {
        Config cfg = config("s3cret");
        for (String from : List.of("http://10.0.0.22:8080", "http://10.0.0.2", "http://10.0.0.2:80801", "",
                "http://evil")) {
            String header = Nodes.signature("s3cret", "GET", PQ, NOW);
            assertEquals(Optional.empty(), PeerAuth.verify(cfg, "GET", PQ, header, from, ip("10.0.0.2"), NOW), from);
        }
    }

    @Test
    void withoutSecretOnlyThePeersExactAddressCounts() throws Exception {
        Config cfg = config("");
        assertEquals(Optional.of(PEER), PeerAuth.verify(cfg, "GET", PQ, "", PEER, ip("10.0.0.2"), NOW));
        assertEquals(Optional.empty(), PeerAuth.verify(cfg, "GET", PQ, "", PEER, ip("10.0.0.22"), NOW));
        assertEquals(Optional.empty(), PeerAuth.verify(cfg, "GET", PQ, "", PEER, ip("10.0.0.1"), NOW));
    }
}
