package io.faultline.ingestion.social.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.faultline.avro.CatalogEntry;

/**
 * Filtered-stream rules from the catalog: every keyword, X handle (as {@code @handle}) and cashtag
 * ({@code $TICKER}) of every entity, OR-ed together and packed greedily into as few rules as the
 * length limit allows, each AND-ed with words people use when something fails. Without that clause
 * a brand name alone would match far more posts than any access level may stream.
 *
 * <p>X limits a rule's length by access level (512 characters on the lower levels, 1,024 on
 * higher ones) and the number of rules; both are parameters, and a catalog that needs more rules
 * than allowed fails at start-up rather than being silently cut.
 */
public final class XRules {

    public static final int DEFAULT_MAX_RULE_LENGTH = 512;
    public static final int DEFAULT_MAX_RULES = 1000;
    /** AND-ed to every rule; retweets repeat a report without adding a reporter. */
    public static final String OUTAGE_CLAUSE = "(down OR outage OR \"not working\" OR offline OR \"is down\") -is:retweet";
    static final String TAG_PREFIX = "faultline-";

    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{1,15}");
    private static final Pattern CASHTAG = Pattern.compile("[A-Za-z][A-Za-z0-9._]{0,9}");

    private XRules() {
    }

    /** Rules for the live entities of {@code catalog}, in a stable order (by entity id). */
    public static List<XRule> fromCatalog(List<CatalogEntry> catalog, int maxRuleLength, int maxRules) {
        Map<String, String> terms = new LinkedHashMap<>(); // lower-cased term -> term, first spelling wins
        catalog.stream().filter(e -> !e.getDeleted()).sorted(Comparator.comparing(CatalogEntry::getEntityId))
                .forEach(e -> {
                    e.getKeywords().forEach(k -> add(terms, keyword(k)));
                    String handle = e.getHandles().get("x");
                    if (handle != null) {
                        add(terms, handle(e.getEntityId(), handle));
                    }
                    e.getCashtags().forEach(c -> add(terms, cashtag(e.getEntityId(), c)));
                });
        return pack(new ArrayList<>(terms.values()), maxRuleLength, maxRules);
    }

    /** Packs OR-ed terms into rules of at most {@code maxRuleLength} characters. */
    static List<XRule> pack(List<String> terms, int maxRuleLength, int maxRules) {
        int fixed = "() ".length() + OUTAGE_CLAUSE.length();
        List<XRule> rules = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        for (String t : terms) {
            if (fixed + t.length() > maxRuleLength) {
                throw new IllegalArgumentException("catalog term '" + t + "' does not fit in an X rule of "
                        + maxRuleLength + " characters (x max rule length)");
            }
            int needed = group.length() == 0 ? t.length() : group.length() + " OR ".length() + t.length();
            if (fixed + needed > maxRuleLength) {
                rules.add(rule(group, rules.size()));
                group.setLength(0);
            }
            group.append(group.length() == 0 ? "" : " OR ").append(t);
        }
        if (group.length() > 0) {
            rules.add(rule(group, rules.size()));
        }
        if (rules.size() > maxRules) {
            throw new IllegalArgumentException("the catalog needs " + rules.size() + " X rules but at most " + maxRules
                    + " are allowed (x max rules); raise the limit if your access level allows, or trim the catalog");
        }
        return rules;
    }

    private static XRule rule(CharSequence group, int index) {
        return new XRule("(" + group + ") " + OUTAGE_CLAUSE, TAG_PREFIX + (index + 1));
    }

    private static void add(Map<String, String> terms, String term) {
        if (term != null && !term.isEmpty()) {
            terms.putIfAbsent(term.toLowerCase(Locale.ROOT), term);
        }
    }

    /** A plain word stays as is; anything else becomes an exact phrase (quotes inside cannot be escaped, so they go). */
    static String keyword(String k) {
        String s = k.replace("\"", " ").strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return null;
        }
        return PLAIN.matcher(s).matches() ? s : "\"" + s + "\"";
    }

    private static String handle(String entity, String h) {
        String s = h.startsWith("@") ? h.substring(1) : h;
        if (!HANDLE.matcher(s).matches()) {
            throw new IllegalArgumentException("catalog entity '" + entity + "': X handle '" + h + "' is not a valid handle");
        }
        return "@" + s;
    }

    private static String cashtag(String entity, String c) {
        String s = c.startsWith("$") ? c.substring(1) : c;
        if (!CASHTAG.matcher(s).matches()) {
            throw new IllegalArgumentException("catalog entity '" + entity + "': cashtag '" + c + "' is not a valid ticker");
        }
        return "$" + s;
    }
}
