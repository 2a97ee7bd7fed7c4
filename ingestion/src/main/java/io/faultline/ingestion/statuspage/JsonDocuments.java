package io.faultline.ingestion.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.ingestion.ParseOutcome;

import java.io.IOException;
import java.util.function.Function;

/**
 * The guard every JSON status-page parser shares: the payload must be JSON, and a parser bug
 * must not take the poller down (the payload is kept with the rejection for replay).
 */
final class JsonDocuments {

    private JsonDocuments() {
    }

    static ParseOutcome<PageSnapshot> parse(String pageId, String pageUrl, byte[] payload,
                                            Function<JsonNode, ParseOutcome<PageSnapshot>> read) {
        try {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(payload == null ? new byte[0] : payload);
            } catch (IOException e) {
                return ParseOutcome.rejected(Rejections.of(Rejections.PARSE_ERROR, "not JSON: " + e.getMessage(),
                        payload, pageId, pageUrl, null));
            }
            return read.apply(root);
        } catch (RuntimeException e) {
            return ParseOutcome.rejected(Rejections.of(Rejections.PARSE_ERROR, "unexpected: " + e, payload,
                    pageId, pageUrl, null));
        }
    }
}
