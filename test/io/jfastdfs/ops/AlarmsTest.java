package io.jfastdfs.ops;

import com.sun.net.httpserver.HttpServer;
import io.jfastdfs.config.ConfigFile;
import io.jfastdfs.config.Settings;
import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.JdkServers;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alarms (API.md §6.1) against a fake peer, a fake alarm_url and a fake SMTP server: one alarm per
 * state change (down after two failed checks, recovered), config conflicts, and disk low from a node.
 */
class AlarmsTest {
    static final String SELF = "http://127.0.0.1:8080";
    /** No other test listens here, so a "free" port stays refused until the test's own fake peer binds it. */
    static final String PEER_IP = "127.0.0.254";
    Path dir;
    AppLog log;
    FakeAlarmUrl hook;
    FakeSmtp smtp;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("jfastdfs-alarms");
        log = new AppLog(dir.resolve("alarms.log"), false);
        hook = new FakeAlarmUrl();
        smtp = new FakeSmtp("PLAIN LOGIN", null, null);
    }

    @AfterEach
    void stop() throws IOException {
        smtp.close();
        hook.close();
        log.close();
        Files2.deleteTree(dir);
    }

    /** A config listing {@code peer}, with alarm_url, two mail receivers and the fake mail server. */
    private Settings settings(String peer) throws Exception {
        Map<String, Object> cfg = new LinkedHashMap<>(TestServer.withDefaults(Map.of()));
        cfg.put("peers", List.of(SELF, peer));
        cfg.put("alarm_url", hook.url());
        cfg.put("alarm_receivers", List.of("ops@example.org;oncall@example.org"));
        cfg.put("mail", Map.of("user", "alarm@example.org", "password", "pw", "host", smtp.hostPort()));
        Path cfgDir = dir.resolve("node");
        TestServer.writeConfig(cfgDir, cfg);
        return new Settings(new ConfigFile(cfgDir, TestServer.env(), c -> { }).load());
    }

    /** A peer answering {G}/status with {@code answer} (a JSON envelope) on {@code port}. */
    private static HttpServer peer(int port, AtomicReference<String> answer) throws IOException {
        HttpServer s = JdkServers.create(new InetSocketAddress(PEER_IP, port), 0);
        s.createContext("/group1/status", ex -> {
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        return s;
    }

    /** The next alarm posted to alarm_url, which must come and have {@code subject}. */
    private Map<String, String> nextAlarm(String subject) throws InterruptedException {
        Map<String, String> a = hook.next(20_000);
        assertNotNull(a, "alarm_url got no \"" + subject + "\" alarm");
        assertEquals(subject, a.get("subject"));
        return a;
    }

    /** The next alarm mail, which must come and have {@code subject}. */
    private FakeSmtp.Mail nextMail(String subject) throws InterruptedException {
        FakeSmtp.Mail m = smtp.next(20_000);
        assertNotNull(m, "no \"" + subject + "\" mail");
        assertTrue(m.data().contains("Subject: " + subject + "\n"), m.data());
        return m;
    }

    private static String status(String ok, String peerId, String local) {
        return "{\"data\":{\"Fs.PeerId\":\"" + peerId + "\",\"Fs.Local\":\"" + local + "\"},\"message\":\"\",\"status\":\"" + ok + "\"}";
    }

    @Test
    void aDownPeerAlarmsOnceAndItsRecoveryOnce() throws Exception {
        int port = TestServer.freePort();
        String peer = "http://" + PEER_IP + ":" + port;
        try (Alarms alarms = new Alarms(settings(peer), dir, List::of, null, log, Duration.ofMillis(100))) {
            alarms.start();
            Map<String, String> down = nextAlarm("fastdfs server error");
            assertEquals("application/x-www-form-urlencoded", down.get("content-type"));
            String prefix = "fastdfs server error\nserver:" + peer + "\nerror:\nGet \"" + peer + "/group1/status\": ";
            assertTrue(down.get("message").startsWith(prefix) && down.get("message").contains("ConnectException"),
                    down.get("message"));
            FakeSmtp.Mail mail = nextMail("fastdfs server error");
            assertEquals(List.of("<ops@example.org>", "<oncall@example.org>"), mail.to());
            assertTrue(mail.data().contains("\n\n" + down.get("message") + "\n"), mail.data());

            assertNull(hook.next(700), "no repeat while the peer stays down (several checks)");
            assertNull(smtp.next(0));

            AtomicReference<String> answer = new AtomicReference<>(status("ok", "2", peer));
            HttpServer p = peer(port, answer);
            try {
                Map<String, String> up = nextAlarm("fastdfs server recovered");
                assertEquals("fastdfs server recovered\nserver:" + peer, up.get("message"));
                nextMail("fastdfs server recovered");
                assertNull(hook.next(500), "no repeat while the peer stays up");
            } finally {
                p.stop(0);
            }
        }
    }

    @Test
    void oneFailedCheckBetweenAnswersIsNoAlarmAndANotOkStatusCountsAsFailure() throws Exception {
        int port = TestServer.freePort();
        String peer = "http://" + PEER_IP + ":" + port;
        AtomicReference<String> answer = new AtomicReference<>(status("fail", "2", peer));
        HttpServer p = peer(port, answer);
        try (Alarms alarms = new Alarms(settings(peer), dir, List::of, null, log, Alarms.INTERVAL)) {
            alarms.checkOnce();
            answer.set(status("ok", "2", peer));
            alarms.checkOnce();
            answer.set(status("fail", "2", peer));
            alarms.checkOnce();
            assertNull(hook.next(300), "never two failed checks in a row");
            alarms.checkOnce();
            Map<String, String> down = nextAlarm("fastdfs server error");
            assertEquals("fastdfs server error\nserver:" + peer + "\nerror:\n" + peer + "/group1/status answered status \"fail\"",
                    down.get("message"));
        } finally {
            p.stop(0);
        }
    }

    @Test
    void aPeerWithThisNodesPeerIdIsAConfigConflictAlarmedOnce() throws Exception {
        int port = TestServer.freePort();
        String peer = "http://" + PEER_IP + ":" + port;
        HttpServer p = peer(port, new AtomicReference<>(status("ok", "1", peer)));
        try (Alarms alarms = new Alarms(settings(peer), dir, List::of, null, log, Alarms.INTERVAL)) {
            alarms.checkOnce();
            alarms.checkOnce();
            Map<String, String> conflict = nextAlarm("fastdfs config conflict");
            assertTrue(conflict.get("message").startsWith("fastdfs config conflict\nserver:" + peer + "\nerror:\npeer_id \"1\" is used by "
                    + SELF + " and " + peer), conflict.get("message"));
            assertNull(hook.next(300), "the same conflict is reported once");
        } finally {
            p.stop(0);
        }
    }

    @Test
    void aPeerLackingThisNodesLogForOverAnHourAlarmsOncePerDelay() throws Exception {
        int port = TestServer.freePort();
        String peer = "http://" + PEER_IP + ":" + port;
        HttpServer p = peer(port, new AtomicReference<>(status("ok", "2", peer)));
        long now = System.currentTimeMillis() / 1000;
        AtomicReference<List<PeerHealth>> replication = new AtomicReference<>(
                List.of(new PeerHealth(peer, true, 0, 7, now - Alarms.SYNC_DELAY.toSeconds() + 120, now)));
        try (Alarms alarms = new Alarms(settings(peer), dir, replication::get, null, log, Alarms.INTERVAL)) {
            alarms.checkOnce();
            assertNull(hook.next(300), "behind for less than an hour: no alarm");

            replication.set(List.of(new PeerHealth(peer, true, 0, 7, now - 7200, now - 30)));
            alarms.checkOnce();
            Map<String, String> late = nextAlarm("fastdfs sync delayed");
            assertTrue(late.get("message").startsWith("fastdfs sync delayed\nserver:" + peer + "\nerror:\n" + peer
                    + " has not read this node's uploads and deletes since "), late.get("message"));
            assertTrue(late.get("message").contains("(7 events behind; last contact "), late.get("message"));
            nextMail("fastdfs sync delayed");
            alarms.checkOnce();
            assertNull(hook.next(300), "the same delay is reported once");

            replication.set(List.of(new PeerHealth(peer, true, 0, 0, 0, now)));
            alarms.checkOnce();
            replication.set(List.of(new PeerHealth(peer, true, 0, 3, now - 4000, now)));
            alarms.checkOnce();
            Map<String, String> again = nextAlarm("fastdfs sync delayed"); // a new delay after catching up
            assertTrue(again.get("message").contains("(3 events behind;"), again.get("message"));
        } finally {
            p.stop(0);
        }
    }

    @Test
    void aNodeBelowMinFreeDiskAlarmsAtStart() throws Exception {
        try (TestServer node = TestServer.start(Map.of("alarm_url", hook.url(), "min_free_disk_mb", 1_000_000_000L))) {
            Map<String, String> low = nextAlarm("fastdfs disk low"); // from the node's first check
            assertTrue(low.get("message").startsWith("fastdfs disk low\nserver:" + SELF + "\nerror:\nfree space on "),
                    low.get("message"));
            assertEquals(507, Http.upload(node.url() + "/upload", "x.txt", new byte[] {1}).status());
        }
    }
}
