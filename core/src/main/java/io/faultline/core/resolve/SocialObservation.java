package io.faultline.core.resolve;

import java.time.Instant;
import java.util.List;

/** The core view of one social post. Tags are without their '#', '$' or '@'. */
public record SocialObservation(String postId, String platform, String text, String lang, String authorId,
                                List<String> hashtags, List<String> cashtags, List<String> mentions,
                                Instant eventTime, Instant observedAt) {

    public SocialObservation {
        text = text == null ? "" : text;
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        cashtags = cashtags == null ? List.of() : List.copyOf(cashtags);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }
}
