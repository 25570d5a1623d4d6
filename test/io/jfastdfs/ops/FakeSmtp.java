package io.jfastdfs.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny SMTP server on 127.0.0.1 for tests: accepts any AUTH, records each delivered message with
 * its envelope and the commands of its session. Offers STARTTLS when given a server TLS context.
 */
final class FakeSmtp implements AutoCloseable {
    /** One accepted message: the session's commands (AUTH arguments included), envelope and data. */
    record Mail(List<String> commands, String from, List<String> to, String data, boolean tls) {}

    private final ServerSocket server;
    private final String authMechanisms;
    private final SSLContext tls;
    private final String refuseRcpt;
    private final boolean implicitTls;
    private final BlockingQueue<Mail> mails = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    FakeSmtp(String authMechanisms, SSLContext tls, String refuseRcpt) throws IOException {
        this(authMechanisms, tls, refuseRcpt, false);
    }

    /**
     * {@code refuseRcpt}: a recipient answered 550 (null: accept all); {@code implicitTls}: TLS from the
     * first byte with {@code tls} (SMTPS) instead of offering STARTTLS.
     */
    FakeSmtp(String authMechanisms, SSLContext tls, String refuseRcpt, boolean implicitTls) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.authMechanisms = authMechanisms;
        this.tls = tls;
        this.refuseRcpt = refuseRcpt;
        this.implicitTls = implicitTls;
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** The next message accepted within {@code millis}, or null. */
    Mail next(long millis) throws InterruptedException {
        return mails.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> session(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        List<String> commands = new ArrayList<>();
        String from = null;
        List<String> to = new ArrayList<>();
        boolean secure = false;
        try (Socket s0 = socket) {
            Socket s = s0;
            s.setSoTimeout(10_000);
            if (implicitTls) {
                s = serverTls(s);
                secure = true;
            }
            BufferedReader in = reader(s);
            OutputStream out = s.getOutputStream();
            say(out, "220 fake ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                commands.add(line);
                String cmd = line.toUpperCase();
                if (cmd.startsWith("EHLO")) {
                    String tlsOffer = tls != null && !secure ? "250-STARTTLS\r\n" : "";
                    say(out, "250-fake\r\n" + tlsOffer + "250-AUTH " + authMechanisms + "\r\n250 8BITMIME");
                } else if (cmd.equals("STARTTLS")) {
                    say(out, "220 go ahead");
                    s = serverTls(s);
                    secure = true;
                    in = reader(s);
                    out = s.getOutputStream();
                } else if (cmd.startsWith("AUTH PLAIN")) {
                    say(out, "235 ok");
                } else if (cmd.equals("AUTH LOGIN")) {
                    say(out, "334 VXNlcm5hbWU6");
                    commands.add(in.readLine());
                    say(out, "334 UGFzc3dvcmQ6");
                    commands.add(in.readLine());
                    say(out, "235 ok");
                } else if (cmd.startsWith("MAIL FROM:")) {
                    from = line.substring(10);
                    say(out, "250 ok");
                } else if (cmd.startsWith("RCPT TO:")) {
                    String r = line.substring(8);
                    if (r.equals("<" + refuseRcpt + ">")) {
                        say(out, "550 no such user");
                    } else {
                        to.add(r);
                        say(out, "250 ok");
                    }
                } else if (cmd.equals("DATA")) {
                    say(out, "354 go on");
                    StringBuilder data = new StringBuilder();
                    for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) data.append(d).append('\n');
                    mails.add(new Mail(List.copyOf(commands), from, List.copyOf(to), data.toString(), secure));
                    say(out, "250 queued");
                } else if (cmd.equals("QUIT")) {
                    say(out, "221 bye");
                    return;
                } else {
                    say(out, "502 unknown");
                }
            }
        } catch (IOException e) {
            // the client went away; what it delivered is recorded
        }
    }

    private SSLSocket serverTls(Socket s) throws IOException {
        SSLSocket t = (SSLSocket) tls.getSocketFactory().createSocket(s, null, s.getPort(), false);
        t.setUseClientMode(false);
        t.startHandshake();
        return t;
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
