package io.jfastdfs.http;

import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Oversized request heads: the JDK server refuses them by closing the connection before any handler
 * runs (it has no 431 answer); nothing is read into memory beyond the limit and the node keeps serving.
 */
class HugeHeadersTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @Test
    void aHeaderOverTheLimitClosesTheConnectionAndTheNodeKeepsServing() throws Exception {
        String big = "GET /group1/status HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(200_000) + "\r\n\r\n";
        String answer = Http.raw("127.0.0.1", server.port(), big.getBytes(StandardCharsets.US_ASCII), 5000);
        assertFalse(answer.startsWith("HTTP/1.1 200"), answer.length() > 100 ? answer.substring(0, 100) : answer);
        assertEquals(200, Http.get(server.url() + "/status").status());
    }

    @Test
    void tooManyHeadersCloseTheConnectionAndTheNodeKeepsServing() throws Exception {
        StringBuilder req = new StringBuilder("GET /group1/status HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 500; i++) req.append("X-H").append(i).append(": v\r\n");
        String answer = Http.raw("127.0.0.1", server.port(), req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII), 5000);
        assertEquals("", answer);
        assertEquals(200, Http.get(server.url() + "/status").status());
    }

    @Test
    void headersJustUnderTheLimitAreServed() throws Exception {
        String req = "GET /group1/status HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(30_000) + "\r\nConnection: close\r\n\r\n";
        String answer = Http.raw("127.0.0.1", server.port(), req.getBytes(StandardCharsets.US_ASCII), 5000);
        assertEquals("HTTP/1.1 200 OK", answer.substring(0, answer.indexOf("\r\n")));
    }
}
