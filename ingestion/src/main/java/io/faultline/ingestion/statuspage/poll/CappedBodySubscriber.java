package io.faultline.ingestion.statuspage.poll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a cap. Over the cap it cancels the subscription (the JDK client
 * then drops the connection) and fails with {@link TooLarge}, so a 50 MB answer costs at most the
 * cap plus one network buffer of memory. A {@code Content-Length} over the cap fails before any
 * byte is read. Chunks are requested one at a time, so the body is pulled, never pushed at us.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    /** Thrown (as the cause) when the body is over the cap; carries the first bytes for the dead letter. */
    static final class TooLarge extends IOException {
        final byte[] sample;

        TooLarge(String message, byte[] sample) {
            super(message);
            this.sample = sample;
        }
    }

    private final long cap;
    private final int sampleBytes;
    private final long declaredLength;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    /**
     * @param declaredLength Content-Length, or -1 when unknown
     * @param sampleBytes    how much of an oversized body to keep for the report
     */
    CappedBodySubscriber(long cap, long declaredLength, int sampleBytes) {
        this.cap = cap;
        this.declaredLength = declaredLength;
        this.sampleBytes = sampleBytes;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredLength > cap) {
            s.cancel();
            result.completeExceptionally(new TooLarge("Content-Length " + declaredLength + " is over the cap of "
                    + cap + " bytes", new byte[0]));
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
        if (buffer.size() > cap) {
            subscription.cancel();
            byte[] all = buffer.toByteArray();
            result.completeExceptionally(new TooLarge("body is over the cap of " + cap + " bytes (cut after "
                    + all.length + ")", Arrays.copyOf(all, Math.min(all.length, sampleBytes))));
            buffer.reset();
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    /** Stops reading (used when the caller's deadline passes). */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        result.cancel(false);
    }
}
