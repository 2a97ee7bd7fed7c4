package io.faultline.ingestion.social;

import io.faultline.ingestion.BadField;
import io.faultline.ingestion.JsonFailures;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.faultline.avro.SocialPlatform;
import io.faultline.avro.SocialPost;
import io.faultline.ingestion.ParseOutcome;

/**
 * Bluesky Jetstream events (one JSON object per WebSocket message or NDJSON line) to
 * {@link SocialPost}s. Only {@code commit} events creating an {@code app.bsky.feed.post} become
 * posts; likes, reposts, follows, other lexicons, updates, deletes, {@code identity} and
 * {@code account} events are skipped without being rejected. An unknown {@code kind} is rejected
 * as UNSUPPORTED_EVENT so a protocol change is visible.
 */
public final class JetstreamParser {

    public static final String SOURCE = "ingest.social.bluesky";
    static final String POST_COLLECTION = "app.bsky.feed.post";
    private static final Set<String> SKIPPED_KINDS = Set.of("identity", "account");
    private static final String TAG = "app.bsky.richtext.facet#tag";
    private static final String MENTION = "app.bsky.richtext.facet#mention";

    private final Clock clock;

    public JetstreamParser(Clock clock) {
        this.clock = clock;
    }

    /** One event; never throws. */
    public ParseOutcome<SocialPost> parseLine(String line, Map<String, String> context) {
        if (line == null || line.isBlank()) {
            return ParseOutcome.of(List.of());
        }
        return JsonFailures.orRejected(() -> {
            JsonNode ev = Fields.parse(line);
            if (!ev.isObject()) {
                throw new BadField("PARSE_ERROR", "event is not a JSON object but " + ev.getNodeType());
            }
            String kind = Fields.requiredText(ev, "kind");
            if (SKIPPED_KINDS.contains(kind)) {
                return ParseOutcome.of(List.of());
            }
            if (!"commit".equals(kind)) {
                return reject("UNSUPPORTED_EVENT", "unknown Jetstream kind '" + kind + "'", line, context);
            }
            JsonNode commit = Fields.requiredObject(ev, "commit");
            if (!POST_COLLECTION.equals(Fields.requiredText(commit, "collection"))
                    || !"create".equals(Fields.requiredText(commit, "operation"))) {
                return ParseOutcome.of(List.of());
            }
            return ParseOutcome.of(List.of(toPost(ev, commit)));
        }, (type, reason) -> reject(type, reason, line, context));
    }

    /** Every line of an NDJSON file or capture; context gets 1-based {@code line} numbers. */
    public ParseOutcome<SocialPost> parse(BufferedReader reader, Map<String, String> context) {
        return Fields.eachLine(reader, context, ParseOutcome.of(List.of()), ParseOutcome::plus, this::parseLine);
    }

    private SocialPost toPost(JsonNode ev, JsonNode commit) {
        String did = Fields.requiredText(ev, "did");
        String rkey = Fields.requiredText(commit, "rkey");
        JsonNode record = Fields.requiredObject(commit, "record");
        String text = Fields.requiredText(record, "text");
        List<JsonNode> langs = Fields.array(record, "langs");
        String lang = langs.isEmpty() || !langs.get(0).isTextual() ? null : langs.get(0).asText();
        Set<String> hashtags = new LinkedHashSet<>();
        Set<String> mentions = new LinkedHashSet<>();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (JsonNode facet : Fields.array(record, "facets")) {
            for (JsonNode feature : Fields.array(facet, "features")) {
                String type = feature.path("$type").asText();
                if (TAG.equals(type) && feature.hasNonNull("tag")) {
                    hashtags.add(feature.get("tag").asText());
                } else if (MENTION.equals(type)) {
                    mentions.add(mentionHandle(facet.path("index"), utf8, feature.path("did").asText()));
                }
            }
        }
        for (JsonNode tag : Fields.array(record, "tags")) {
            if (tag.isTextual()) {
                hashtags.add(tag.asText());
            }
        }
        return SocialPost.newBuilder()
                .setPostId("bsky:at://" + did + "/" + POST_COLLECTION + "/" + rkey)
                .setPlatform(SocialPlatform.BLUESKY)
                .setText(text)
                .setLang(lang)
                .setAuthorId(did)
                .setAuthorHandle(null) // Jetstream carries DIDs only
                .setUrl("https://bsky.app/profile/" + did + "/post/" + rkey)
                .setHashtags(new ArrayList<>(hashtags))
                .setCashtags(List.of())
                .setMentions(new ArrayList<>(mentions))
                .setMatchingRules(List.of())
                .setEventTime(eventTime(ev, record))
                .setObservedAt(clock.instant())
                .build();
    }

    /**
     * The record's createdAt (client-asserted, as the schema asks for); when it is absent or not a
     * date, the relay's {@code time_us}.
     */
    private static Instant eventTime(JsonNode ev, JsonNode record) {
        JsonNode created = record.get("createdAt");
        if (created != null && created.isTextual()) {
            try {
                return Fields.instant("createdAt", created.asText());
            } catch (BadField e) {
                // fall through to the relay time
            }
        }
        JsonNode us = ev.get("time_us");
        if (us != null && us.isIntegralNumber()) {
            long v = us.asLong();
            return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
        }
        throw BadField.missing("commit.record.createdAt");
    }

    /** Facet indexes are UTF-8 byte offsets; the mentioned text is "@handle". Falls back to the DID. */
    private static String mentionHandle(JsonNode index, byte[] utf8, String did) {
        int start = index.path("byteStart").asInt(-1);
        int end = index.path("byteEnd").asInt(-1);
        if (start >= 0 && end > start && end <= utf8.length) {
            String s = new String(utf8, start, end - start, StandardCharsets.UTF_8).strip();
            s = s.startsWith("@") ? s.substring(1) : s;
            if (!s.isEmpty()) {
                return s;
            }
        }
        return did;
    }

    private static ParseOutcome<SocialPost> reject(String type, String reason, String raw, Map<String, String> ctx) {
        return ParseOutcome.rejected(Fields.reject(SOURCE, type, reason, raw, ctx));
    }
}
