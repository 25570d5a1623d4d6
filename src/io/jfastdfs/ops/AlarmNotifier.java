package io.jfastdfs.ops;

import io.jfastdfs.config.Config;
import io.jfastdfs.config.Settings;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * Delivers alarms in order on one background thread, so a slow mail server never delays the checks:
 * a form POST {@code subject}, {@code message} to {@code alarm_url}, and mail to {@code alarm_receivers}.
 * Every alarm is also logged; a failed delivery is logged and not retried.
 */
final class AlarmNotifier implements AutoCloseable {
    private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_QUEUED = 1000;

    private final Settings settings;
    private final Supplier<HttpClient> http;
    private final Mailer mailer;
    private final AppLog log;
    private final BlockingQueue<Alarm> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Thread worker;

    AlarmNotifier(Settings settings, Supplier<HttpClient> http, Mailer mailer, AppLog log) {
        this.settings = settings;
        this.http = http;
        this.mailer = mailer;
        this.log = log;
        this.worker = Thread.ofVirtual().name("alarm-delivery").start(this::run);
    }

    void send(Alarm alarm) {
        log.warn("alarm \"" + alarm.subject() + "\" for " + alarm.server()
                + (alarm.error().isEmpty() ? "" : ": " + alarm.error().replace("\n", " ")));
        if (!queue.offer(alarm)) log.warn("alarm not delivered: " + MAX_QUEUED + " alarms already waiting");
    }

    private void run() {
        while (true) {
            Alarm a;
            try {
                a = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            Config cfg = settings.get();
            if (!cfg.alarmUrl().isEmpty()) post(cfg.alarmUrl(), a);
            if (!cfg.alarmReceivers().isEmpty()) {
                try {
                    mailer.send(cfg.mail(), cfg.alarmReceivers(), a.subject(), a.message());
                } catch (IOException | RuntimeException e) {
                    log.warn("alarm mail \"" + a.subject() + "\" not sent: " + e.getMessage());
                }
            }
        }
    }

    private void post(String url, Alarm a) {
        String form = "subject=" + URLEncoder.encode(a.subject(), StandardCharsets.UTF_8)
                + "&message=" + URLEncoder.encode(a.message(), StandardCharsets.UTF_8);
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(POST_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            int status = http.get().send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) log.warn("alarm_url " + url + " answered HTTP " + status + " to \"" + a.subject() + "\"");
        } catch (IOException | IllegalArgumentException e) {
            log.warn("alarm_url " + url + " not reached for \"" + a.subject() + "\": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
