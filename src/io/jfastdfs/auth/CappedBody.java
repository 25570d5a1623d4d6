package io.jfastdfs.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A UTF-8 response body that fails, and stops reading, beyond {@code cap} bytes (JDK 21 has no limiting handler). */
public final class CappedBody implements HttpResponse.BodySubscriber<String> {
    private final int cap;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int cap) {
        this.cap = cap;
    }

    /**
     * Sends {@code request} and reads at most {@code cap} bytes of answer, all within {@code deadline}: a
     * request timeout alone covers only the headers, so a server that stalls in the body would hold the caller.
     *
     * @throws IOException the transport failure, an answer over {@code cap}, or {@link HttpTimeoutException}
     */
    public static HttpResponse<String> send(HttpClient client, HttpRequest request, int cap, Duration deadline)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> f = client.sendAsync(request, info -> new CappedBody(cap));
        try {
            return f.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new HttpTimeoutException("no complete answer within " + deadline.toMillis() + " ms");
        } finally {
            f.cancel(true); // a no-op once complete; otherwise gives up the exchange
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) return;
        for (ByteBuffer b : items) {
            if (buffer.size() + b.remaining() > cap) {
                subscription.cancel();
                result.completeExceptionally(new IOException("reply longer than " + cap + " bytes"));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }
}
