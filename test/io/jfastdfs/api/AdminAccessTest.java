package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.RawHttp;
import io.jfastdfs.testkit.SharedServer;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jfastdfs admin rule over real sockets (API.md §1.7–1.8). The node listens on 127.0.0.1 with
 * host http://127.0.0.1:8080, so 127.0.0.2 is neither loopback-admin nor the node's own address;
 * requests come from 127.0.0.2 by binding the client socket to it.
 */
class AdminAccessTest {
    static final String OTHER = "127.0.0.2";
    static final String DENIED = "Can only be called by the cluster ip or 127.0.0.1 or admin_ips(cfg.json),current ip:";
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static void assertTextDenial(RawHttp.Reply r, String ip) {
        assertEquals(200, r.status());
        assertEquals(Replies.TEXT, r.header("Content-Type"));
        assertEquals(DENIED + ip, r.text());
    }

    private static void assertEnvelopeDenial(RawHttp.Reply r, String ip) {
        assertEquals(200, r.status());
        assertEquals(Replies.TEXT, r.header("Content-Type"));
        assertEquals(Replies.fail(DENIED + ip), r.text());
    }

    @Test
    void anotherLoopbackAddressIsDeniedInTheShapeOfEachEndpointFamily() throws Exception {
        byte[] content = "admin protected".getBytes(StandardCharsets.UTF_8);
        String md5 = Files2.md5(content);
        Replies.upload(server.url(), "p.txt", content, Map.of("path", "protected"));
        int port = server.port();
        for (String action : List.of("delete?md5=" + md5, "get_file_info?md5=" + md5, "reload?action=get&key=x", "report")) {
            assertTextDenial(RawHttp.get(OTHER, port, "/group1/" + action), OTHER);
        }
        for (String action : List.of("stat", "list_dir?dir=protected", "search?kw=p", "repair_stat", "remove_empty_dir")) {
            assertEnvelopeDenial(RawHttp.get(OTHER, port, "/group1/" + action), OTHER);
        }
        assertTextDenial(RawHttp.get(OTHER, port, "/delete?md5=" + md5), OTHER);
        assertEquals(200, RawHttp.get("127.0.0.1", port, "/group1/protected/p.txt").status(), "the denied delete removed nothing");
    }

    @Test
    void publicEndpointsAnswerAnyAddress() throws Exception {
        int port = server.port();
        RawHttp.Reply status = RawHttp.get(OTHER, port, "/group1/status");
        assertEquals(200, status.status());
        assertTrue(status.text().contains("\"status\": \"ok\""));
        assertEquals(200, RawHttp.get(OTHER, port, "/group1/check_file_exist?md5=x").status());
        assertEquals(200, RawHttp.get(OTHER, port, "/").status());
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pub.txt\"\r\n\r\nfrom elsewhere\r\n--b--\r\n";
        RawHttp.Reply up = RawHttp.send(OTHER, port, ("POST /group1/upload HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(up.text().startsWith("http://127.0.0.1:" + port + "/group1/default/"), up.text());
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnoredEvenForDisplay() throws Exception {
        RawHttp.Reply r = RawHttp.get(OTHER, server.port(), "/group1/get_file_info?md5=x",
                "X-Forwarded-For: 127.0.0.1", "X-Real-Ip: 127.0.0.1", "Forwarded: for=127.0.0.1");
        assertTextDenial(r, OTHER);
        RawHttp.Reply local = RawHttp.get("127.0.0.1", server.port(), "/group1/get_file_info?md5=x", "X-Forwarded-For: 10.9.8.7");
        assertEquals(Replies.fail("leveldb: not found"), local.text(), "127.0.0.1 stays admin whatever it forwards");
    }

    @Test
    void aPeersAddressIsAdminOnlyWhenNoPeerSecretAuthenticatesPeers() throws Exception {
        List<String> peers = List.of("http://127.0.0.1:8080", "http://127.0.0.2:8080");
        try (TestServer open = TestServer.start(Map.of("peers", peers, "peer_secret", ""));
             TestServer keyed = TestServer.start(Map.of("peers", peers, "peer_secret", "s3cret-of-the-group"))) {
            assertEquals(Replies.fail("leveldb: not found"), RawHttp.get(OTHER, open.port(), "/group1/get_file_info?md5=x").text());
            assertTextDenial(RawHttp.get(OTHER, keyed.port(), "/group1/get_file_info?md5=x"), OTHER);
            assertEnvelopeDenial(RawHttp.get(OTHER, keyed.port(), "/group1/repair?force=1"), OTHER);
        }
    }

    @Test
    void adminIpsAdmitExactAddressesAndCidrsButNotNearPrefixes() throws Exception {
        try (TestServer exact = TestServer.start(Map.of("admin_ips", List.of("127.0.0.2")));
             TestServer cidr = TestServer.start(Map.of("admin_ips", List.of("127.0.0.0/24")));
             TestServer near = TestServer.start(Map.of("admin_ips", List.of("127.0.0.20", "10.0.0.0/8")))) {
            assertEquals(Replies.fail("leveldb: not found"), RawHttp.get(OTHER, exact.port(), "/group1/get_file_info?md5=x").text());
            assertEquals(Replies.fail("leveldb: not found"), RawHttp.get(OTHER, cidr.port(), "/group1/get_file_info?md5=x").text());
            assertTextDenial(RawHttp.get(OTHER, near.port(), "/group1/get_file_info?md5=x"), OTHER);
            assertEquals(Replies.fail("leveldb: not found"), RawHttp.get("127.0.0.1", near.port(), "/group1/get_file_info?md5=x").text());
        }
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedForwardedAddressIsTheClient() throws Exception {
        try (TestServer proxied = TestServer.start(Map.of("trusted_proxies", List.of(OTHER)))) {
            int port = proxied.port();
            String info = "/group1/get_file_info?md5=x";
            assertTextDenial(RawHttp.get(OTHER, port, info, "X-Forwarded-For: 127.0.0.1, 10.9.8.7"), "10.9.8.7");
            assertTextDenial(RawHttp.get(OTHER, port, info, "X-Forwarded-For: 10.9.8.7, 127.0.0.2"), "10.9.8.7");
            assertEquals(Replies.fail("leveldb: not found"),
                    RawHttp.get(OTHER, port, info, "X-Forwarded-For: 10.9.8.7, 127.0.0.1").text());
            assertTextDenial(RawHttp.get(OTHER, port, info, "X-Real-IP: 10.1.1.1"), "10.1.1.1");
            assertTextDenial(RawHttp.get(OTHER, port, info), OTHER);
        }
    }

    @Test
    void adminEndpointsSendNoCorsHeadersToUnlistedOrigins() throws Exception {
        RawHttp.Reply r = RawHttp.get("127.0.0.1", server.port(), "/group1/stat", "Origin: http://evil.example");
        assertEquals(null, r.header("Access-Control-Allow-Origin"));
        RawHttp.Reply pub = RawHttp.get("127.0.0.1", server.port(), "/group1/status", "Origin: http://evil.example");
        assertEquals("http://evil.example", pub.header("Access-Control-Allow-Origin"));
    }
}
