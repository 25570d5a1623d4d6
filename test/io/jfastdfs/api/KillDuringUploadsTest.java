package io.jfastdfs.api;

import io.jfastdfs.testkit.Files2;
import io.jfastdfs.testkit.Http;
import io.jfastdfs.testkit.ServerProcess;
import io.jfastdfs.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 in the middle of concurrent uploads (API.md §3.7): after a restart on the same data dir every
 * acknowledged upload downloads with its digest and is indexed, files/_tmp is empty, and every file
 * under files/ is complete. A file whose reply was lost in the kill may exist, whole (the client
 * cannot know, as with any server); a partial file never does.
 */
class KillDuringUploadsTest {
    static final int CLIENTS = 16;

    /** Deterministic content of upload {@code name}, 32 KiB to 1 MiB. */
    private static byte[] content(int client, int i) {
        Random r = new Random(client * 100_003L + i);
        byte[] b = new byte[32 * 1024 + r.nextInt(1 << 20)];
        r.nextBytes(b);
        return b;
    }

    @Test
    void acknowledgedUploadsSurviveKillNineAndNothingPartialIsVisible() throws Exception {
        Path dir = Files.createTempDirectory("jfastdfs-kill");
        int port = TestServer.freePort();
        Map<String, String> attempted = new ConcurrentHashMap<>();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        try (ServerProcess p = ServerProcess.start(dir, "127.0.0.1", port, Map.of(), List.of("-Xmx256m"))) {
            AtomicBoolean killed = new AtomicBoolean();
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; !killed.get(); i++) {
                        String name = "c" + client + "_" + i + ".bin";
                        byte[] data = content(client, i);
                        attempted.put(name, Files2.md5(data));
                        try {
                            Http.Resp r = Http.upload(p.url() + "/upload", name, data);
                            if (r.status() == 200 && r.text().startsWith("http")) {
                                acknowledged.put(r.text(), Files2.md5(data));
                                acks.incrementAndGet();
                            } else {
                                failures.add(name + ": " + r.status() + " " + r.text());
                                Thread.sleep(50);
                            }
                        } catch (IOException e) {
                            if (!killed.get()) failures.add(name + ": " + e);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (acks.get() < 40 && System.currentTimeMillis() < deadline) Thread.sleep(10);
            killed.set(true);
            p.kill();
            for (Thread t : clients) t.join(30_000);
            assertTrue(acks.get() >= 40, "uploads acknowledged before the kill: " + acks.get()
                    + "; failures before it: " + failures.stream().limit(5).toList() + "; server log: " + p.logTail());

            p.launch();
            assertEquals(List.of(), Replies.tempFiles(dir), "files/_tmp is swept at start");
            for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                Http.Resp d = Http.get(ack.getKey());
                assertEquals(200, d.status(), ack.getKey());
                assertEquals(ack.getValue(), Files2.md5(d.body()), ack.getKey());
                Map<String, Object> info = Replies.data(Http.get(p.url() + "/get_file_info?md5=" + ack.getValue()));
                assertEquals(ack.getValue(), info.get("md5"), "indexed: " + ack.getKey());
            }
            for (String stored : Replies.storedFiles(dir)) {
                String name = stored.substring(stored.lastIndexOf('/') + 1);
                String expected = attempted.get(name);
                assertTrue(expected != null, "unexpected file " + stored);
                assertEquals(expected, Files2.md5(Files.readAllBytes(dir.resolve("files").resolve(stored))),
                        "complete, never partial: " + stored);
            }
            assertEquals("ok", Replies.json(Http.get(p.url() + "/status")).get("status"));
            Http.Resp after = Http.upload(p.url() + "/upload", "after.bin", content(99, 0));
            assertEquals(200, Http.get(after.text()).status(), "the restarted node takes new uploads");
        } finally {
            Files2.deleteTree(dir);
        }
    }
}
