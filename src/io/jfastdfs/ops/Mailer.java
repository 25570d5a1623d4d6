package io.jfastdfs.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * Alarm mail (API.md §6.1) through cfg.json's {@code mail} {user, password, host "host:port"}: a plain
 * text message with proper Subject, {@code From: <user>}, To, Date and Message-ID headers, one RCPT per
 * address ({@code alarm_receivers} entries may hold several, separated by ';' or ',').
 */
public final class Mailer {
    private static final String ADDRESS = "[^\\s<>(),;:\"\\\\]+@[^\\s<>(),;:\"\\\\]+";

    private final SSLContext tls;

    /**
     * {@code tls} checks the mail server's certificate for STARTTLS and port 465; null means the JDK's
     * default trust, looked up at the first mail rather than by every node at start.
     */
    public Mailer(SSLContext tls) {
        this.tls = tls;
    }

    /** Sends one message; IOException says why it was not accepted. */
    public void send(Map<?, ?> mail, List<String> receivers, String subject, String body) throws IOException {
        String user = field(mail, "user");
        String hostPort = field(mail, "host");
        if (user.isEmpty() || hostPort.isEmpty()) throw new IOException("cfg.json mail.user and mail.host must be set");
        if (!user.matches(ADDRESS)) throw new IOException("cfg.json mail.user must be a mail address (it is the sender)");
        List<String> to = addresses(receivers);
        if (to.isEmpty()) throw new IOException("alarm_receivers holds no mail address");
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port;
        try {
            port = colon < 0 ? 25 : Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IOException("cfg.json mail.host \"" + hostPort + "\" must be host:port");
        }
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        try (SmtpClient smtp = new SmtpClient(host, port, tls != null ? tls : defaultTls(), port == 465)) {
            smtp.send(user, field(mail, "password"), user, to, compose(user, to, subject, body));
        }
    }

    /** The addresses of {@code receivers}, split on ';' and ','; anything that is not an address is left out. */
    static List<String> addresses(List<String> receivers) {
        List<String> out = new ArrayList<>();
        for (String r : receivers) {
            for (String a : r.split("[;,]")) {
                String t = a.strip();
                if (t.matches(ADDRESS) && !out.contains(t)) out.add(t);
            }
        }
        return out;
    }

    /** Headers and body with CRLF line ends; non-ASCII subject and body are encoded (RFC 2047, base64). */
    static String compose(String from, List<String> to, String subject, String body) {
        String domain = from.contains("@") ? from.substring(from.indexOf('@') + 1) : "jfastdfs";
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(body);
        StringBuilder m = new StringBuilder();
        m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n");
        m.append("From: <").append(from).append(">\r\n");
        m.append("To: ").append(String.join(", ", to)).append("\r\n");
        m.append("Subject: ").append(headerText(subject)).append("\r\n");
        m.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(domain).append(">\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: text/plain; charset=UTF-8\r\n");
        m.append("Content-Transfer-Encoding: ").append(ascii ? "7bit" : "base64").append("\r\n\r\n");
        if (ascii) {
            m.append(body.replace("\r\n", "\n").replace("\n", "\r\n"));
        } else {
            m.append(Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        }
        return m.toString();
    }

    private static String headerText(String s) {
        String oneLine = s.replaceAll("[\\r\\n]+", " ");
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(oneLine)) return oneLine;
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(oneLine.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String field(Map<?, ?> mail, String key) {
        Object v = mail == null ? null : mail.get(key);
        return v == null ? "" : v.toString().strip();
    }

    private static SSLContext defaultTls() throws IOException {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("the JDK has no default TLS context", e);
        }
    }
}
