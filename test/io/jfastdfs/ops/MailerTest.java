package io.jfastdfs.ops;

import io.jfastdfs.testkit.TestCerts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alarm mail over a real SMTP conversation with a fake server (API.md §6.1). */
class MailerTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> mail(FakeSmtp smtp) {
        return Map.of("user", "alarm@example.org", "password", "s3cret", "host", smtp.hostPort());
    }

    private static String header(String data, String name) {
        for (String line : data.split("\n")) if (line.startsWith(name + ": ")) return line.substring(name.length() + 2);
        return null;
    }

    @Test
    void loginOnlyServerGetsAuthLoginOneRcptPerAddressAndProperHeaders() throws Exception {
        try (FakeSmtp smtp = new FakeSmtp("LOGIN", null, null)) {
            new Mailer(SSLContext.getDefault()).send(mail(smtp), List.of("a@example.org; b@example.org", "not an address"),
                    "fastdfs server error", "fastdfs server error\nserver:http://p\nerror:\n.starts with a dot");
            FakeSmtp.Mail m = smtp.next(20_000);
            assertNotNull(m);
            assertTrue(m.commands().containsAll(List.of("AUTH LOGIN", b64("alarm@example.org"), b64("s3cret"))), m.commands().toString());
            assertEquals("<alarm@example.org>", m.from());
            assertEquals(List.of("<a@example.org>", "<b@example.org>"), m.to());
            assertEquals("fastdfs server error", header(m.data(), "Subject"));
            assertEquals("<alarm@example.org>", header(m.data(), "From"));
            assertEquals("a@example.org, b@example.org", header(m.data(), "To"));
            assertTrue(header(m.data(), "Date").matches("\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d .+"), m.data());
            assertTrue(header(m.data(), "Message-ID").matches("<[0-9a-f-]{36}@example\\.org>"), m.data());
            assertTrue(m.data().endsWith("\n\nfastdfs server error\nserver:http://p\nerror:\n..starts with a dot\n"),
                    "body after a blank line, a leading dot doubled on the wire: " + m.data());
        }
    }

    @Test
    void starttlsIsUsedWhenOfferedAndThePasswordOnlyTravelsEncrypted() throws Exception {
        TestCerts.Cert cert = TestCerts.rsa();
        try (FakeSmtp smtp = new FakeSmtp("PLAIN", cert.serverContext(), null)) {
            new Mailer(cert.trusting()).send(mail(smtp), List.of("ops@example.org"), "fastdfs disk low", "disk");
            FakeSmtp.Mail m = smtp.next(20_000);
            assertNotNull(m);
            assertTrue(m.tls());
            List<String> c = m.commands();
            assertTrue(c.indexOf("STARTTLS") >= 0 && c.indexOf("STARTTLS") < c.indexOf("AUTH PLAIN " + b64("\0alarm@example.org\0s3cret")),
                    c.toString());
        }
    }

    @Test
    void implicitTlsSpeaksTlsFromTheFirstByte() throws Exception {
        TestCerts.Cert cert = TestCerts.rsa();
        try (FakeSmtp smtp = new FakeSmtp("PLAIN", cert.serverContext(), null, true);
             SmtpClient client = new SmtpClient("127.0.0.1", Integer.parseInt(smtp.hostPort().split(":")[1]),
                     cert.trusting(), true)) {
            client.send("alarm@example.org", "s3cret", "alarm@example.org", List.of("ops@example.org"), "Subject: t\r\n\r\nbody");
            FakeSmtp.Mail m = smtp.next(20_000);
            assertNotNull(m);
            assertTrue(m.tls());
            assertFalse(m.commands().contains("STARTTLS"), m.commands().toString());
        }
    }

    @Test
    void nonAsciiSubjectAndBodyAreEncoded() throws Exception {
        try (FakeSmtp smtp = new FakeSmtp("PLAIN", null, null)) {
            new Mailer(SSLContext.getDefault()).send(mail(smtp), List.of("ops@example.org"), "磁盘 low", "错误\nzwei");
            FakeSmtp.Mail m = smtp.next(20_000);
            assertNotNull(m);
            assertEquals("=?UTF-8?B?" + b64("磁盘 low") + "?=", header(m.data(), "Subject"));
            assertEquals("base64", header(m.data(), "Content-Transfer-Encoding"));
            String body = m.data().substring(m.data().indexOf("\n\n") + 2).replace("\n", "");
            assertEquals("错误\nzwei", new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRefusedRecipientFailsTheSendWithoutShowingThePassword() throws Exception {
        try (FakeSmtp smtp = new FakeSmtp("PLAIN", null, "gone@example.org")) {
            IOException e = assertThrows(IOException.class, () -> new Mailer(SSLContext.getDefault())
                    .send(mail(smtp), List.of("gone@example.org"), "s", "m"));
            assertTrue(e.getMessage().contains("RCPT TO gone@example.org") && e.getMessage().contains("550"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains(b64("\0alarm@example.org\0s3cret")));
        }
    }

    @Test
    void incompleteMailSettingsAreReported() {
        Mailer m = new Mailer(null);
        assertThrows(IOException.class, () -> m.send(Map.of("user", "", "host", "x:25"), List.of("a@b.c"), "s", "m"));
        assertThrows(IOException.class, () -> m.send(Map.of("user", "a@b.c", "host", "x:25"), List.of("nobody"), "s", "m"));
        assertEquals(List.of("a@b.c", "d@e.f"), Mailer.addresses(List.of(" a@b.c ;d@e.f", "a@b.c", "x <y@z>")));
    }
}
