package io.faultline.core.network;

/**
 * The groupings probes are counted in, from the most specific. {@link #ALL} is every probe:
 * synchronised disconnections across many networks and countries that no network explains
 * (Disco's "all probes" stream). It is only a fallback: it is tested on the probes no network
 * scope explains, so a network's outage is never swallowed by the global count. Controllers are
 * not a scope: RIPE Atlas controllers drop groups of probes on a 30-minute or 2-hour rhythm (seen in
 * every public day we hold), which would alarm all day; the controller a burst shares is named in
 * its label instead.
 */
public enum ScopeLevel {
    ASN("as"),
    ORGANISATION("org:"),
    COUNTRY("country:"),
    ALL("probes:");

    private final String prefix;

    ScopeLevel(String prefix) {
        this.prefix = prefix;
    }

    /** The scope's entity id: {@code as7922}, {@code org:Comcast Cable Communications, LLC}, {@code country:US} … */
    public String id(String key) {
        return prefix + key;
    }

    /** The level an entity id belongs to, or null when it is not a network scope id. */
    public static ScopeLevel of(String id) {
        if (id == null) {
            return null;
        }
        for (ScopeLevel level : values()) {
            if (level == ASN ? id.matches("as\\d+") : id.startsWith(level.prefix)) {
                return level;
            }
        }
        return null;
    }
}
