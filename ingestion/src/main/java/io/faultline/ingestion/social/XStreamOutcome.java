package io.faultline.ingestion.social;

import java.util.ArrayList;
import java.util.List;

import io.faultline.avro.SocialPost;
import io.faultline.ingestion.ParseOutcome;

/** Posts and rejects from X API messages, plus the API's own error messages (never posts). */
public record XStreamOutcome(ParseOutcome<SocialPost> posts, List<XApiError> errors) {

    public XStreamOutcome {
        errors = List.copyOf(errors);
    }

    static XStreamOutcome empty() {
        return new XStreamOutcome(ParseOutcome.of(List.of()), List.of());
    }

    public XStreamOutcome plus(XStreamOutcome other) {
        List<XApiError> es = new ArrayList<>(errors);
        es.addAll(other.errors);
        return new XStreamOutcome(posts.plus(other.posts), es);
    }

    /** True when a message told the client the stream is closing. */
    public boolean disconnected() {
        return errors.stream().anyMatch(XApiError::isDisconnect);
    }
}
