package io.jfastdfs.cluster;

import io.jfastdfs.json.Json;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jfastdfs.cluster.Nodes.await;
import static io.jfastdfs.cluster.Nodes.host;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With enable_distinct_file false a path is the identity and an upload to the same path overwrites
 * it: peers verify the bytes against the digest the source states, and always end with the newest
 * version, even for overwrites within one second.
 */
class PathIdentityReplicationTest {
    private static Map<String, Object> config(int n, int port) {
        Map<String, Object> m = new LinkedHashMap<>(Nodes.config(n, port, List.of(1, 2)));
        m.put("enable_distinct_file", false);
        return m;
    }

    private static Nodes.Stored overwrite(int node, int port, String text) throws Exception {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        Http.Resp r = Http.upload(host(node, port) + "/group1/upload", "o.txt", content,
                Map.of("output", "json", "path", "ow"));
        Map<?, ?> m = (Map<?, ?>) Json.parse(r.text());
        return new Nodes.Stored((String) m.get("path"), (String) m.get("md5"), content);
    }

    @Test
    void everyNodeEndsWithTheNewestVersionOfAPath() throws Exception {
        int port = TestServer.freePort();
        try (TestServer n1 = TestServer.start(config(1, port)); TestServer n2 = TestServer.start(config(2, port))) {
            Nodes.Stored v1 = overwrite(1, port, "version one");
            await(30, "node 2 has version one", () -> Nodes.holds(n2.dir(), v1));
            Nodes.Stored v2 = overwrite(1, port, "version two, same second");
            Nodes.Stored v3 = overwrite(1, port, "version three, same second again");
            assertEquals(v1.md5(), v3.md5());
            await(30, "node 2 has the newest version", () -> Nodes.holds(n2.dir(), v3));

            Nodes.Stored v4 = overwrite(2, port, "version four, written on node 2");
            await(30, "node 1 has node 2's newer version", () -> Nodes.holds(n1.dir(), v4));
            await(30, "both indexes agree", () -> {
                try {
                    Map<?, ?> one = Nodes.fileInfo(1, port, v4.md5());
                    Map<?, ?> two = Nodes.fileInfo(2, port, v4.md5());
                    return one.get("timeStamp").equals(two.get("timeStamp"))
                            && one.get("size").equals((long) v4.content().length);
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals(v2.path(), v4.path());
        }
    }
}
