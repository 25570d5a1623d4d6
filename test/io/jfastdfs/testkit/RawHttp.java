package io.jfastdfs.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken by hand over a socket, optionally from a chosen local address (127.0.0.2 is a
 * different client than 127.0.0.1 to the server). For requests no client library sends (traversal
 * request lines) and for tests of who the server thinks is calling.
 */
public final class RawHttp {
    private RawHttp() {}

    /** A parsed answer: status, headers by lower-case name (first value), body. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** GET {@code target} from {@code fromAddress} with extra header lines ("Name: value"). */
    public static Reply get(String fromAddress, int port, String target, String... headerLines) throws IOException {
        return request(fromAddress, port, "GET", target, headerLines);
    }

    public static Reply request(String fromAddress, int port, String method, String target, String... headerLines)
            throws IOException {
        StringBuilder sb = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        for (String h : headerLines) sb.append(h).append("\r\n");
        sb.append("Connection: close\r\n\r\n");
        return send(fromAddress, port, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends raw request bytes to 127.0.0.1:port from {@code fromAddress} and reads until the server closes. */
    public static Reply send(String fromAddress, int port, byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(fromAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return parse(readAll(s.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
        return out.toByteArray();
    }

    private static Reply parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) throw new IOException("no complete HTTP head in: " + new String(raw, StandardCharsets.ISO_8859_1));
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Reply(status, headers, Arrays.copyOfRange(raw, end + 4, raw.length));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
