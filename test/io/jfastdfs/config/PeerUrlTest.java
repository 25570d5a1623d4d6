package io.jfastdfs.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Peer and host URL normalisation of API.md §4.4. */
class PeerUrlTest {

    @Test
    void urlsAreNormalisedToSchemeHostAndPort() throws Exception {
        assertEquals("http://10.0.0.1:8080", PeerUrl.normalise("peers", "http://10.0.0.1:8080/", false));
        assertEquals("https://node.example", PeerUrl.normalise("peers", " HTTPS://Node.Example ", false));
        assertEquals("http://10.0.0.1:8080", PeerUrl.normalise("host", "10.0.0.1:8080", true));
        assertEquals("http://[::1]:8080", PeerUrl.normalise("peers", "http://[::1]:8080", false));
    }

    @Test
    void malformedEntriesAreErrorsNamingKeyAndValue() {
        for (String bad : new String[] {"10.0.0.1:8080", "http://10.0.0.1:99999", "http://10.0.0.1:0", "http://:8080",
            "http://10.0.0.1:8080/group1", "ftp://10.0.0.1", "http://u@10.0.0.1", "http://10.0.0.1?x=1", "http://a b"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> PeerUrl.normalise("peers", bad, false), bad);
            assertTrue(e.getMessage().contains("peers") && e.getMessage().contains(bad), e.getMessage());
        }
    }
}
