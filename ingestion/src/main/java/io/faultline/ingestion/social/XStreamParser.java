package io.faultline.ingestion.social;

import io.faultline.ingestion.BadField;
import io.faultline.ingestion.JsonFailures;

import java.io.BufferedReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.faultline.avro.SocialPlatform;
import io.faultline.avro.SocialPost;
import io.faultline.ingestion.ParseOutcome;

/**
 * X (Twitter) API v2 messages to {@link SocialPost}s. One call per NDJSON line of the filtered
 * stream ({@code {"data":{...},"includes":{...},"matching_rules":[...]}}) or per search / lookup
 * response body ({@code {"data":[...],"includes":{...},"meta":{...}}}). Blank keep-alive lines
 * yield nothing; {@code errors} come back as {@link XApiError}s, never as posts.
 */
public final class XStreamParser {

    public static final String SOURCE = "ingest.social.x";
    /** Twitter snowflake epoch: ids carry their creation time in the top 41 bits. */
    private static final long SNOWFLAKE_EPOCH_MS = 1288834974657L;
    /** Ids below this predate snowflakes (2010-11-04) and carry no time. */
    private static final long FIRST_SNOWFLAKE_ID = 1L << 32;

    private final Clock clock;

    public XStreamParser(Clock clock) {
        this.clock = clock;
    }

    /** One stream line or response body; never throws. */
    public XStreamOutcome parseLine(String line, Map<String, String> context) {
        if (line == null || line.isBlank()) {
            return XStreamOutcome.empty();
        }
        return JsonFailures.orRejected(() -> parseMessage(Fields.parse(line), line, context),
                (type, reason) -> rejected(type, reason, line, context));
    }

    /** Every line of an NDJSON stream or file; context gets {@code line} numbers (1-based). */
    public XStreamOutcome parse(BufferedReader reader, Map<String, String> context) {
        return Fields.eachLine(reader, context, XStreamOutcome.empty(), XStreamOutcome::plus, this::parseLine);
    }

    private XStreamOutcome parseMessage(JsonNode msg, String raw, Map<String, String> context) {
        if (!msg.isObject()) {
            throw new BadField("PARSE_ERROR", "message is not a JSON object but " + msg.getNodeType());
        }
        JsonNode data = msg.get("data");
        boolean hasData = data != null && !data.isNull();
        List<XApiError> errors = new ArrayList<>();
        for (JsonNode e : Fields.array(msg, "errors")) {
            if (e.isObject()) {
                errors.add(new XApiError(text(e, "title"), text(e, "type"), text(e, "detail"),
                        text(e, "disconnect_type"), hasData));
            }
        }
        if (!hasData) {
            if (!errors.isEmpty()) {
                return new XStreamOutcome(ParseOutcome.of(List.of()), errors);
            }
            if (msg.has("meta")) { // a search page with no results
                return XStreamOutcome.empty();
            }
            throw BadField.missing("data");
        }
        Map<String, String> handles = new HashMap<>();
        for (JsonNode u : Fields.array(msg.get("includes"), "users")) {
            if (u.isObject() && u.hasNonNull("id") && u.hasNonNull("username")) {
                handles.put(u.get("id").asText(), u.get("username").asText());
            }
        }
        List<String> rules = new ArrayList<>();
        for (JsonNode r : Fields.array(msg, "matching_rules")) {
            JsonNode tag = r.get("tag");
            JsonNode id = r.get("id");
            if (tag != null && tag.isTextual() && !tag.asText().isEmpty()) {
                rules.add(tag.asText());
            } else if (id != null && (id.isTextual() || id.isIntegralNumber())) {
                rules.add(id.asText()); // tag null (2021 stream): the rule id is all there is
            }
        }
        List<JsonNode> tweets = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(tweets::add);
        } else if (data.isObject()) {
            tweets.add(data);
        } else {
            throw BadField.invalid("data", "must be an object or array, was " + data.getNodeType());
        }
        ParseOutcome<SocialPost> posts = ParseOutcome.of(List.of());
        for (int i = 0; i < tweets.size(); i++) {
            Map<String, String> ctx = data.isArray() ? Fields.at(context, "index", Integer.toString(i)) : context;
            try {
                posts = posts.plus(ParseOutcome.of(List.of(toPost(tweets.get(i), handles, rules))));
            } catch (BadField e) {
                // one bad tweet in a page does not hide the others
                posts = posts.plus(ParseOutcome.rejected(Fields.reject(SOURCE, e.errorType,
                        "data[" + i + "]: " + e.getMessage(), tweets.get(i).toString(), ctx)));
            }
        }
        return new XStreamOutcome(posts, errors);
    }

    private SocialPost toPost(JsonNode t, Map<String, String> handles, List<String> rules) {
        if (!t.isObject()) {
            throw BadField.invalid("data", "tweet must be an object, was " + t.getNodeType());
        }
        String id = Fields.requiredId(t, "id");
        String text = Fields.requiredText(t, "text");
        String createdAt = Fields.optionalText(t, "created_at");
        Instant eventTime = createdAt != null ? Fields.instant("created_at", createdAt) : snowflakeTime(id);
        // author_id is only present when requested (tweet.fields); default-field responses lack it
        String authorId = t.hasNonNull("author_id") ? Fields.requiredId(t, "author_id") : "";
        String handle = handles.get(authorId);
        JsonNode entities = t.get("entities");
        if (entities != null && !entities.isNull() && !entities.isObject()) {
            throw BadField.invalid("entities", "must be an object");
        }
        return SocialPost.newBuilder()
                .setPostId("x:" + id)
                .setPlatform(SocialPlatform.X)
                .setText(text)
                .setLang(Fields.optionalText(t, "lang"))
                .setAuthorId(authorId)
                .setAuthorHandle(handle)
                .setUrl("https://x.com/" + (handle != null ? handle : "i/web") + "/status/" + id)
                .setHashtags(Fields.texts(entities, "hashtags", "tag"))
                .setCashtags(Fields.texts(entities, "cashtags", "tag"))
                .setMentions(Fields.texts(entities, "mentions", "username"))
                .setMatchingRules(rules)
                .setEventTime(eventTime)
                .setObservedAt(clock.instant())
                .build();
    }

    /** Creation time encoded in a snowflake id, for responses fetched without created_at. */
    static Instant snowflakeTime(String id) {
        long v;
        try {
            v = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw BadField.missing("created_at");
        }
        if (v < FIRST_SNOWFLAKE_ID) {
            throw BadField.missing("created_at");
        }
        return Instant.ofEpochMilli((v >> 22) + SNOWFLAKE_EPOCH_MS);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static XStreamOutcome rejected(String type, String reason, String raw, Map<String, String> ctx) {
        return new XStreamOutcome(ParseOutcome.rejected(Fields.reject(SOURCE, type, reason, raw, ctx)), List.of());
    }
}
