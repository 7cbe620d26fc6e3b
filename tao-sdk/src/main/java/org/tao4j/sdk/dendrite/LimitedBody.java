package org.tao4j.sdk.dendrite;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected into a byte array, refused past {@code max} bytes: an axon must not
 * be able to make a validator buffer an unbounded answer.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    static final class TooLargeException extends IOException {
        TooLargeException(int max) {
            super("response body exceeds " + max + " bytes");
        }
    }

    private final int max;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] bytes = new byte[512];
    private int size;
    private Flow.Subscription subscription;

    private LimitedBody(int max) {
        this.max = max;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int max) {
        return info -> new LimitedBody(max);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if ((long) size + n > max) {
                subscription.cancel();
                result.completeExceptionally(new TooLargeException(max));
                return;
            }
            if (size + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
            }
            b.get(bytes, size, n);
            size += n;
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(java.util.Arrays.copyOf(bytes, size));
    }
}
