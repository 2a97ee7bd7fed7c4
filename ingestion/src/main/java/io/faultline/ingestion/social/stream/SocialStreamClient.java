package io.faultline.ingestion.social.stream;

/** A live social stream: runs until stopped, its post budget is spent, or a failure retrying cannot fix. */
public interface SocialStreamClient {

    /** Blocks, reconnecting as needed; throws {@link StreamFailure} for unrecoverable conditions. */
    void run() throws InterruptedException;

    /** Ends {@link #run()} from another thread (shutdown hook). */
    void stop();

    StreamStats stats();
}
