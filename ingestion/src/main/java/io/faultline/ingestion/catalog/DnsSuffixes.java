package io.faultline.ingestion.catalog;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A provider's DNS fingerprints, from its {@code dnsSuffixes} entry in providers.yaml: the name
 * suffixes its CNAME targets end in (a CDN's edge hostnames) and those its name servers end in (a
 * managed DNS service), with the provider documentation that lists them. A pattern is a domain
 * suffix matched on whole labels ({@code edgekey.net} matches {@code e1.edgekey.net}, not
 * {@code xedgekey.net}); a {@code *} inside a label matches any run of characters within that label
 * ({@code awsdns-*.com} for Route 53's numbered name-server domains).
 *
 * @param providerId   catalog id of the provider
 * @param providerKind its providers.yaml kind ({@code cdn}, {@code dns}, {@code cloud}, ...)
 * @param cname        suffixes of CNAME targets
 * @param ns           suffixes of name servers
 * @param source       the provider's documentation URL the suffixes come from
 */
public record DnsSuffixes(String providerId, String providerKind, List<String> cname, List<String> ns, String source) {

    private static final Pattern SHAPE = Pattern.compile("([a-z0-9*]([a-z0-9*-]*[a-z0-9*])?)(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    public DnsSuffixes {
        cname = List.copyOf(cname);
        ns = List.copyOf(ns);
    }

    /** Null when the pattern is well formed, else what is wrong with it. */
    static String problem(String pattern) {
        if (pattern == null || !SHAPE.matcher(pattern).matches()) {
            return "'" + pattern + "' is not a lowercase domain suffix (at least two labels; '*' only inside the first)";
        }
        return null;
    }

    /**
     * Number of labels of the pattern when {@code name} ends in it on label boundaries, else 0 (so
     * the longest matching pattern can win).
     */
    public static int match(String pattern, String name) {
        String[] p = pattern.split("\\.");
        String[] n = strip(name).toLowerCase(Locale.ROOT).split("\\.");
        if (n.length < p.length) {
            return 0;
        }
        for (int i = 1; i <= p.length; i++) {
            String want = p[p.length - i];
            String have = n[n.length - i];
            boolean same = want.contains("*")
                    ? have.matches(Pattern.quote(want).replace("*", "\\E[a-z0-9-]*\\Q"))
                    : want.equals(have);
            if (!same) {
                return 0;
            }
        }
        return p.length;
    }

    /** The longest of {@code patterns} that {@code name} ends in, or null. */
    public static String longestMatch(List<String> patterns, String name) {
        String best = null;
        int bestLabels = 0;
        for (String p : patterns) {
            int labels = match(p, name);
            if (labels > bestLabels) {
                best = p;
                bestLabels = labels;
            }
        }
        return best;
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
