package io.faultline.ingestion.social.stream;

import java.net.http.HttpClient;
import java.util.Random;

/** The validated settings of one platform's stream; {@link #client} builds the matching client. */
public sealed interface SocialStreamConfig permits XStreamConfig, JetstreamConfig, MastodonStreamConfig {

    /** The client for these settings, writing through {@code emitter}. */
    default SocialStreamClient client(HttpClient http, PostEmitter emitter, Sleeper sleeper, Random random) {
        if (this instanceof XStreamConfig x) {
            return new XStreamClient(x, http, emitter, sleeper);
        }
        if (this instanceof JetstreamConfig j) {
            return new JetstreamClient(j, http, emitter, sleeper, random);
        }
        return new MastodonStreamClient((MastodonStreamConfig) this, http, emitter, sleeper, random);
    }
}
