package io.faultline.ingestion;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The callback of a writer's asynchronous Kafka sends: keeps the first failure so the writer can
 * rethrow it at its next send or flush, and a broken broker stops the writer loudly instead of
 * losing records. Thread-safe (the producer calls back from its I/O thread).
 */
public final class FirstSendFailure implements Callback {

    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception e) {
        if (e != null) {
            first.compareAndSet(null, e);
        }
    }

    /** Throws what {@code as} makes of the first failed send, if one failed. */
    public void throwIfAny(Function<Exception, ? extends RuntimeException> as) {
        Exception e = first.get();
        if (e != null) {
            throw as.apply(e);
        }
    }
}
