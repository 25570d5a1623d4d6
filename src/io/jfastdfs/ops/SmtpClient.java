package io.jfastdfs.ops;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP delivery (RFC 5321): EHLO, STARTTLS when offered, AUTH PLAIN or LOGIN, MAIL/RCPT/DATA,
 * QUIT; implicit TLS on port 465. The password never goes out unencrypted except to a loopback
 * server (as Go's net/smtp allows), and never appears in an error message.
 */
final class SmtpClient implements AutoCloseable {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int READ_TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final boolean implicitTls;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean secure;

    /** {@code implicitTls}: TLS from the first byte (SMTPS, port 465) instead of STARTTLS. */
    SmtpClient(String host, int port, SSLContext tls, boolean implicitTls) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.implicitTls = implicitTls;
    }

    /** Delivers {@code data} (a complete message with CRLF lines) from {@code from} to {@code to}. */
    void send(String user, String password, String from, List<String> to, String data) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        if (implicitTls) upgrade();
        else streams();
        expect("greeting", 220);
        Set<String> ext = ehlo();
        if (!secure && ext.contains("STARTTLS")) {
            command("STARTTLS", "STARTTLS", 220);
            upgrade();
            ext = ehlo();
        }
        if (!user.isEmpty()) authenticate(ext, user, password);
        command("MAIL FROM:<" + from + ">", "MAIL FROM", 250);
        for (String r : to) command("RCPT TO:<" + r + ">", "RCPT TO " + r, 250, 251);
        command("DATA", "DATA", 354);
        writeData(data);
        expect("message", 250);
        try {
            command("QUIT", "QUIT", 221);
        } catch (IOException ignored) {
            // the message is accepted; a server that hangs up without saying goodbye changes nothing
        }
    }

    private Set<String> ehlo() throws IOException {
        InetAddress local = socket.getLocalAddress();
        String literal = local instanceof Inet6Address ? "[IPv6:" + local.getHostAddress() + "]" : "[" + local.getHostAddress() + "]";
        String reply = command("EHLO " + literal, "EHLO", 250);
        Set<String> ext = new HashSet<>();
        String[] lines = reply.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String kw = lines[i].length() > 4 ? lines[i].substring(4).toUpperCase(Locale.ROOT) : "";
            ext.add(kw);
            int sp = kw.indexOf(' ');
            ext.add(sp < 0 ? kw : kw.substring(0, sp));
        }
        return ext;
    }

    private void authenticate(Set<String> ext, String user, String password) throws IOException {
        if (!secure && !socket.getInetAddress().isLoopbackAddress()) {
            throw new IOException("SMTP " + host + ":" + port + " offers no TLS (STARTTLS or port 465);"
                    + " not sending the mail password in clear text");
        }
        String mechanisms = "";
        for (String e : ext) if (e.startsWith("AUTH ") || e.startsWith("AUTH=")) mechanisms += " " + e.substring(5) + " ";
        if (mechanisms.contains(" PLAIN ")) {
            command("AUTH PLAIN " + b64("\0" + user + "\0" + password), "AUTH PLAIN", 235);
        } else if (mechanisms.contains(" LOGIN ")) {
            command("AUTH LOGIN", "AUTH LOGIN", 334);
            command(b64(user), "AUTH LOGIN user", 334);
            command(b64(password), "AUTH LOGIN password", 235);
        } else if (!mechanisms.isEmpty()) {
            throw new IOException("SMTP " + host + ":" + port + " offers neither AUTH PLAIN nor LOGIN:" + mechanisms);
        }
    }

    private void upgrade() throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the mail host
        s.setSSLParameters(p);
        s.startHandshake();
        socket = s;
        secure = true;
        streams();
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends one line; {@code what} names it in errors (never the line: it may hold credentials). */
    private String command(String line, String what, int... ok) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return expect(what, ok);
    }

    private String expect(String what, int... ok) throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = readLine();
            if (line.length() < 3) throw new IOException("SMTP " + host + ":" + port + " sent a malformed reply: " + line);
            if (!reply.isEmpty()) reply.append("\r\n");
            reply.append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        int code;
        try {
            code = Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
            throw new IOException("SMTP " + host + ":" + port + " sent a malformed reply: " + line);
        }
        for (int c : ok) if (c == code) return reply.toString();
        throw new IOException("SMTP " + host + ":" + port + " refused " + what + ": " + reply.toString().replace("\r\n", " | "));
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) throw new IOException("SMTP " + host + ":" + port + " closed the connection");
            if (b != '\r') line.write(b);
            if (line.size() > 4096) throw new IOException("SMTP " + host + ":" + port + " sent an overlong line");
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** The message, dot-stuffed (RFC 5321 §4.5.2), then the terminating line. */
    private void writeData(String data) throws IOException {
        StringBuilder sb = new StringBuilder(data.length() + 16);
        for (String line : data.split("\r\n", -1)) {
            if (line.startsWith(".")) sb.append('.');
            sb.append(line).append("\r\n");
        }
        sb.append(".\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            if (socket != null) socket.close();
        } catch (IOException ignored) {
            // nothing to release beyond the socket
        }
    }
}
