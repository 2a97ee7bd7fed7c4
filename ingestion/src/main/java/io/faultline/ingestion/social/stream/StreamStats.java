package io.faultline.ingestion.social.stream;

/**
 * What a stream client has done so far.
 *
 * @param posts       posts written to the sink
 * @param duplicates  posts or events skipped because they were already written (resume overlap, two streams)
 * @param deadLetters inputs written to the dead-letter sink
 * @param apiErrors   error objects the platform sent in the stream (X)
 * @param connections successful connections (the first one included)
 * @param stalls      connections abandoned because nothing, not even a keep-alive, arrived in time
 */
public record StreamStats(long posts, long duplicates, long deadLetters, long apiErrors, long connections, long stalls) {

    public String summary() {
        return posts + " posts, " + duplicates + " duplicates skipped, " + deadLetters + " dead letters, "
                + apiErrors + " API errors, " + connections + " connections, " + stalls + " stalls";
    }
}
