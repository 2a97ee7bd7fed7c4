package io.faultline.notify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a subscriptions file (YAML, schema in docs/notify.md) at start: every mistake is an
 * error naming the file and the field path ({@code subscriptions[1].filters.minState}), before anything is sent.
 * Secrets are the NAMES of environment variables; their values are read here and kept in memory only.
 */
public final class SubscriptionsFile {

    public static final int VERSION = 1;
    public static final String DEFAULT_API_URL = "http://127.0.0.1:8080";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> TOP = Set.of("version", "apiUrl", "subscriptions");
    private static final Set<String> SUBSCRIPTION = Set.of("id", "channel", "url", "urlEnv", "secretEnv", "updateThrottle", "filters");
    private static final Set<String> FILTERS = Set.of("stack", "providers", "regions", "minState", "minConfidence");

    /** The validated file: the API base URL alerts link to, and the subscriptions in file order. */
    public record Contents(String apiUrl, List<Subscription> subscriptions) {
    }

    private final Path file;
    private final CatalogIndex catalog;
    private final Map<String, String> env;

    private SubscriptionsFile(Path file, CatalogIndex catalog, Map<String, String> env) {
        this.file = file;
        this.catalog = catalog;
        this.env = env;
    }

    public static Contents load(Path file, CatalogIndex catalog, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SubscriptionsException(file + ": no such subscriptions file");
        } catch (IOException e) {
            throw new SubscriptionsException(file + ": cannot be read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JacksonException e) {
            throw new SubscriptionsException(file + ": not valid YAML"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage());
        }
        return new SubscriptionsFile(file, catalog, env).read(root);
    }

    private Contents read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("(top level)", "must be a mapping with 'version' and 'subscriptions'");
        }
        unknownFields(root, TOP, "");
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.asInt() != VERSION) {
            throw error("version", "must be " + VERSION + " (the only version this build reads)");
        }
        String apiUrl = root.hasNonNull("apiUrl") ? url(root.get("apiUrl"), "apiUrl").toString() : DEFAULT_API_URL;
        JsonNode subs = root.get("subscriptions");
        if (subs == null || !subs.isArray() || subs.isEmpty()) {
            throw error("subscriptions", "must be a non-empty list");
        }
        List<Subscription> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < subs.size(); i++) {
            Subscription s = subscription(subs.get(i), "subscriptions[" + i + "]");
            if (!ids.add(s.id())) {
                throw error("subscriptions[" + i + "].id", "'" + s.id() + "' is used twice: ids must be unique");
            }
            out.add(s);
        }
        return new Contents(apiUrl, List.copyOf(out));
    }

    private Subscription subscription(JsonNode n, String path) {
        if (!n.isObject()) {
            throw error(path, "must be a mapping");
        }
        unknownFields(n, SUBSCRIPTION, path + ".");
        String id = text(n, "id", path, true);
        if (!ID.matcher(id).matches()) {
            throw error(path + ".id", "'" + id + "': letters, digits, '.', '_' and '-' only");
        }
        String channelName = text(n, "channel", path, true);
        ChannelKind channel;
        try {
            channel = ChannelKind.valueOf(channelName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(path + ".channel", "'" + channelName + "' is not a channel: webhook, slack, pagerduty or alertmanager");
        }
        URI url = channelUrl(n, path, channel);
        String secret = null;
        String secretEnv = text(n, "secretEnv", path, false);
        if (channel == ChannelKind.WEBHOOK || channel == ChannelKind.PAGERDUTY) {
            if (secretEnv == null) {
                throw error(path + ".secretEnv", "is required for " + channel.fileName() + ": the NAME of the environment "
                        + "variable holding the " + (channel == ChannelKind.WEBHOOK ? "HMAC signing secret" : "routing key"));
            }
            secret = envValue(secretEnv, path + ".secretEnv");
        } else if (secretEnv != null) {
            throw error(path + ".secretEnv", "is not used by " + channel.fileName() + " (only webhook and pagerduty)");
        }
        Duration throttle = n.hasNonNull("updateThrottle") ? duration(n.get("updateThrottle"), path + ".updateThrottle")
                : Subscription.DEFAULT_UPDATE_THROTTLE;
        SubscriptionFilter filter = n.hasNonNull("filters") ? filters(n.get("filters"), path + ".filters")
                : SubscriptionFilter.everything();
        return new Subscription(id, channel, url, secret, filter, throttle);
    }

    private URI channelUrl(JsonNode n, String path, ChannelKind channel) {
        boolean hasUrl = n.hasNonNull("url");
        boolean hasEnv = n.hasNonNull("urlEnv");
        if (hasUrl == hasEnv) {
            throw error(path + ".url", "give exactly one of 'url' or 'urlEnv' (the NAME of an environment variable holding "
                    + "the URL, for URLs that are credentials such as Slack's)");
        }
        if (hasUrl) {
            if (channel == ChannelKind.SLACK) {
                throw error(path + ".url", "a Slack incoming-webhook URL is a credential: put it in an environment "
                        + "variable and name that variable in 'urlEnv'");
            }
            return url(n.get("url"), path + ".url");
        }
        String name = text(n, "urlEnv", path, true);
        String value = envValue(name, path + ".urlEnv");
        try {
            return checkedUrl(value);
        } catch (IllegalArgumentException e) {
            // the value may be secret: say what is wrong, not what it is
            throw error(path + ".urlEnv", "environment variable " + name + " does not hold an http(s) URL");
        }
    }

    private SubscriptionFilter filters(JsonNode n, String path) {
        if (!n.isObject()) {
            throw error(path, "must be a mapping");
        }
        unknownFields(n, FILTERS, path + ".");
        Set<String> stack = new LinkedHashSet<>();
        List<String> entries = list(n, "stack", path);
        for (int i = 0; i < entries.size(); i++) {
            String e = entries.get(i);
            String at = path + ".stack[" + i + "]";
            String resolved = catalog.resolve(e).orElseThrow(() -> error(at,
                    "'" + e + "' is neither a catalog id nor a domain served by a catalog entry (catalog of "
                            + catalog.size() + " entries; add it with 'faultline catalog add')"));
            stack.add(resolved);
        }
        Set<String> providers = new LinkedHashSet<>(list(n, "providers", path));
        Set<String> regions = new LinkedHashSet<>(list(n, "regions", path));
        String minState = IncidentView.SUSPECTED;
        if (n.hasNonNull("minState")) {
            minState = n.get("minState").asText().toUpperCase(Locale.ROOT);
            if (!minState.equals(IncidentView.SUSPECTED) && !minState.equals(IncidentView.CONFIRMED)) {
                throw error(path + ".minState", "'" + n.get("minState").asText() + "': SUSPECTED or CONFIRMED");
            }
        }
        double minConfidence = 0.0;
        if (n.hasNonNull("minConfidence")) {
            JsonNode c = n.get("minConfidence");
            if (!c.isNumber() || c.asDouble() < 0 || c.asDouble() > 1) {
                throw error(path + ".minConfidence", "'" + c.asText() + "': a number from 0 to 1");
            }
            minConfidence = c.asDouble();
        }
        return new SubscriptionFilter(stack, providers, regions, minState, minConfidence);
    }

    private List<String> list(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(path + "." + field, "must be a list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
                throw error(path + "." + field + "[" + i + "]", "must be a non-empty string");
            }
            out.add(v.get(i).asText().trim());
        }
        return out;
    }

    private String text(JsonNode n, String field, String path, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw error(path + "." + field, "is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw error(path + "." + field, "must be a non-empty string");
        }
        return v.asText().trim();
    }

    private String envValue(String name, String path) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw error(path, "must be the NAME of an environment variable (letters, digits, '_'), never the secret "
                    + "itself");
        }
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw error(path, "environment variable " + name + " is not set (or empty)");
        }
        return value;
    }

    private URI url(JsonNode v, String path) {
        if (!v.isTextual()) {
            throw error(path, "must be an http(s) URL");
        }
        try {
            return checkedUrl(v.asText().trim());
        } catch (IllegalArgumentException e) {
            throw error(path, "'" + v.asText() + "': " + e.getMessage());
        }
    }

    private static URI checkedUrl(String s) {
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
        }
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException("must be an http(s) URL with a host");
        }
        return u;
    }

    private Duration duration(JsonNode v, String path) {
        String s = v.asText().trim();
        Duration d;
        Matcher m = SHORT_DURATION.matcher(s.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw error(path, "'" + s + "': a duration such as 15m, 1h or PT15M");
            }
        }
        if (d.isNegative()) {
            throw error(path, "'" + s + "': must not be negative");
        }
        return d;
    }

    private void unknownFields(JsonNode n, Set<String> known, String prefix) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                String hint = f.toLowerCase(Locale.ROOT).contains("secret") || f.toLowerCase(Locale.ROOT).contains("key")
                        || f.toLowerCase(Locale.ROOT).contains("token")
                        ? " (secrets never go in this file: name an environment variable in 'secretEnv')" : "";
                throw error(prefix + f, "unknown field; expected one of " + new java.util.TreeSet<>(known) + hint);
            }
        }
    }

    private SubscriptionsException error(String fieldPath, String message) {
        return new SubscriptionsException(file + ": " + fieldPath + ": " + message);
    }
}
