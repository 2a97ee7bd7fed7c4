package io.faultline.ingestion.social.stream;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.SocialPost;

/** Where stream clients put what they read: posts (raw.social, keyed by post id) and dead letters. */
public interface SocialSink extends AutoCloseable {

    void post(SocialPost post);

    void deadLetter(DeadLetter deadLetter);

    /** Blocks until everything handed over so far is durably written; throws if any write failed. */
    void flush();

    @Override
    void close();
}
