package io.faultline.ingestion.social;

import io.faultline.ingestion.BadField;
import io.faultline.ingestion.JsonFailures;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.faultline.avro.SocialPlatform;
import io.faultline.avro.SocialPost;
import io.faultline.ingestion.ParseOutcome;

/**
 * Mastodon streaming API to {@link SocialPost}s, from either transport: server-sent events
 * ({@code event: update} + {@code data: <status JSON>}, see {@link SseReader}) or WebSocket
 * messages ({@code {"stream":[...],"event":"update","payload":"<status JSON as a string>"}}).
 * Only {@code update} (a new status) becomes a post; the other documented events (delete, edits,
 * notifications, announcements, filters) are skipped; an undocumented event is rejected as
 * UNSUPPORTED_EVENT. Status ids are local to the server, so post ids carry its host.
 */
public final class MastodonParser {

    public static final String SOURCE = "ingest.social.mastodon";
    /** Documented streaming events that are not new statuses. status.update is an edit of a post already seen. */
    private static final Set<String> SKIPPED_EVENTS = Set.of("delete", "status.update", "notification",
            "conversation", "filters_changed", "announcement", "announcement.reaction", "announcement.delete",
            "encrypted_message", "notifications_merged");

    private final String instance;
    private final Clock clock;

    /** @param instance host the stream comes from, e.g. {@code mastodon.social} */
    public MastodonParser(String instance, Clock clock) {
        this.instance = instance;
        this.clock = clock;
    }

    /** One server-sent event; never throws. */
    public ParseOutcome<SocialPost> parseEvent(SseEvent event, Map<String, String> context) {
        Map<String, String> ctx = Fields.at(context, "line", Integer.toString(event.firstLine()));
        return parseEvent(event.event(), event.data(), ctx);
    }

    /** A whole SSE stream or file; context gets the line each event starts on. */
    public ParseOutcome<SocialPost> parseSse(BufferedReader reader, Map<String, String> context) {
        ParseOutcome<SocialPost> out = ParseOutcome.of(List.of());
        SseReader sse = new SseReader();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                var ev = sse.acceptLine(line);
                if (ev.isPresent()) {
                    out = out.plus(parseEvent(ev.get(), context));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One WebSocket text message; never throws. */
    public ParseOutcome<SocialPost> parseWebSocketMessage(String message, Map<String, String> context) {
        if (message == null || message.isBlank()) {
            return ParseOutcome.of(List.of());
        }
        return JsonFailures.orRejected(() -> {
            JsonNode msg = Fields.parse(message);
            if (!msg.isObject()) {
                throw new BadField("PARSE_ERROR", "message is not a JSON object but " + msg.getNodeType());
            }
            String event = Fields.requiredText(msg, "event");
            JsonNode payload = msg.get("payload");
            if (!"update".equals(event)) {
                return parseEvent(event, payload == null ? "" : payload.asText(), context);
            }
            if (payload == null || payload.isNull()) {
                throw BadField.missing("payload");
            }
            // the payload is documented as a JSON string; tolerate an embedded object too
            JsonNode status = payload.isTextual() ? Fields.parse(payload.asText()) : payload;
            return ParseOutcome.of(List.of(toPost(status)));
        }, (type, reason) -> reject(type, reason, message, context));
    }

    /** A REST timeline page ({@code GET /api/v1/timelines/...}: a JSON array of statuses). */
    public ParseOutcome<SocialPost> parseTimeline(String json, Map<String, String> context) {
        return JsonFailures.orRejected(() -> {
            JsonNode page = Fields.parse(json);
            if (!page.isArray()) {
                throw new BadField("PARSE_ERROR", "timeline is not a JSON array but " + page.getNodeType());
            }
            ParseOutcome<SocialPost> out = ParseOutcome.of(List.of());
            for (int i = 0; i < page.size(); i++) {
                try {
                    out = out.plus(ParseOutcome.of(List.of(toPost(page.get(i)))));
                } catch (BadField e) {
                    out = out.plus(reject(e.errorType, "[" + i + "]: " + e.getMessage(), page.get(i).toString(),
                            Fields.at(context, "index", Integer.toString(i))));
                }
            }
            return out;
        }, (type, reason) -> reject(type, reason, json, context));
    }

    private ParseOutcome<SocialPost> parseEvent(String event, String data, Map<String, String> context) {
        String raw = "event: " + event + "\ndata: " + data;
        if (SKIPPED_EVENTS.contains(event)) {
            return ParseOutcome.of(List.of());
        }
        if (!"update".equals(event)) {
            return reject("UNSUPPORTED_EVENT", "unknown Mastodon streaming event '" + event + "'", raw, context);
        }
        return JsonFailures.orRejected(() -> ParseOutcome.of(List.of(toPost(Fields.parse(data)))),
                (type, reason) -> reject(type, reason, raw, context));
    }

    private SocialPost toPost(JsonNode status) {
        if (!status.isObject()) {
            throw BadField.invalid("status", "must be an object, was " + status.getNodeType());
        }
        String id = Fields.requiredId(status, "id");
        JsonNode account = Fields.requiredObject(status, "account");
        // a boost carries its text in the reblogged status
        JsonNode reblog = status.get("reblog");
        JsonNode body = reblog != null && reblog.isObject() ? reblog : status;
        String content = HtmlText.toPlainText(Fields.requiredText(body, "content"));
        String spoiler = Fields.optionalText(body, "spoiler_text");
        String text = spoiler == null || spoiler.isBlank() ? content : spoiler + "\n\n" + content;
        String url = Fields.optionalText(status, "url");
        return SocialPost.newBuilder()
                .setPostId("mastodon:" + instance + ":" + id)
                .setPlatform(SocialPlatform.MASTODON)
                .setText(text)
                .setLang(Fields.optionalText(body, "language"))
                .setAuthorId(Fields.requiredId(account, "id"))
                .setAuthorHandle(Fields.optionalText(account, "acct"))
                .setUrl(url != null ? url : Fields.optionalText(status, "uri"))
                .setHashtags(Fields.texts(body, "tags", "name"))
                .setCashtags(List.of())
                .setMentions(Fields.texts(body, "mentions", "acct"))
                .setMatchingRules(List.of())
                .setEventTime(Fields.instant("created_at", Fields.requiredText(status, "created_at")))
                .setObservedAt(clock.instant())
                .build();
    }

    private static ParseOutcome<SocialPost> reject(String type, String reason, String raw, Map<String, String> ctx) {
        return ParseOutcome.rejected(Fields.reject(SOURCE, type, reason, raw, ctx));
    }
}
