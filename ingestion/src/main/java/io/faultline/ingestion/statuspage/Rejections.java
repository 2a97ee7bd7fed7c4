package io.faultline.ingestion.statuspage;

import io.faultline.ingestion.Rejected;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Builds the {@link Rejected} records of the status-page parsers, with where the input came from. */
final class Rejections {

    static final String SOURCE = "ingest.statuspage";
    static final String PARSE_ERROR = "PARSE_ERROR";
    static final String MISSING_FIELD = "MISSING_FIELD";
    static final String UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT";

    private Rejections() {
    }

    static Rejected of(String errorType, String reason, byte[] payload, String pageId, String pageUrl,
                       String element) {
        Map<String, String> ctx = new HashMap<>();
        if (pageId != null) {
            ctx.put("pageId", pageId);
        }
        if (pageUrl != null) {
            ctx.put("pageUrl", pageUrl);
        }
        if (element != null) {
            ctx.put("element", element);
        }
        return new Rejected(SOURCE, errorType, reason == null ? errorType : reason,
                payload == null ? new byte[0] : payload, ctx);
    }

    static Rejected of(String errorType, String reason, String payload, String pageId, String pageUrl,
                       String element) {
        return of(errorType, reason, payload == null ? null : payload.getBytes(StandardCharsets.UTF_8),
                pageId, pageUrl, element);
    }
}
