package io.faultline.core.catalog;

import java.io.Serializable;
import java.util.Objects;

/**
 * One outgoing dependency edge of a catalog entity.
 *
 * @param target    id of the entity depended upon
 * @param kind      hosting, cdn, dns, payments, auth, ... (free text, as in the catalog)
 * @param evidence  why we believe the edge (outage-report, dns-records, ip-ranges, co-failure, ...)
 * @param source    URL or data set supporting the edge, may be null
 * @param confirmed false for discovered edges awaiting a human's confirmation. Unconfirmed edges are
 *                  still used for correlation (they come from DNS or IP-range evidence), but a mapper
 *                  can filter them out before building the graph if a deployment wants only
 *                  confirmed edges.
 */
public record DependencyEdge(String target, String kind, String evidence, String source, boolean confirmed)
        implements Serializable {

    public DependencyEdge {
        Objects.requireNonNull(target, "dependency target");
        if (target.isBlank()) {
            throw new IllegalArgumentException("dependency target must not be blank");
        }
        kind = kind == null ? "unspecified" : kind;
        evidence = evidence == null ? "unspecified" : evidence;
    }

    /** A confirmed edge of the given kind whose evidence is not recorded (tests, synthetic graphs). */
    public static DependencyEdge of(String target, String kind) {
        return new DependencyEdge(target, kind, "unspecified", null, true);
    }
}
