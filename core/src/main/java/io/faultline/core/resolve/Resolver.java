package io.faultline.core.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.signal.DedupeKey;
import io.faultline.core.signal.PageStatus;
import io.faultline.core.signal.ProbeConnection;
import io.faultline.core.signal.Signal;
import io.faultline.core.signal.SignalSource;
import io.faultline.core.signal.StatusSeverity;

/**
 * Maps raw observations to signals about catalog entities. Every method returns zero or more
 * signals; an observation that names nothing in the catalog yields none (the caller counts it).
 *
 * <ul>
 *   <li>Status pages: the page's owner, or the owner's region the component, affected
 *       components or incident text name ("EC2 (N. Virginia)", "us-east-1"). A provider's or
 *       region's page thus yields signals keyed by that provider / region.</li>
 *   <li>Social posts: entities named by handle, keyword or cashtag, kept only if
 *       {@link OutageLanguage} calls the post an outage report.</li>
 *   <li>Probes: the target's entity (by id, else by domain) and, when the catalog knows the
 *       vantage's ASN, that network (one signal per target, so many targets failing from one
 *       network point at the network).</li>
 *   <li>Connection events: the network of the probe's ASN (catalog entity, else the catalog's
 *       {@code as<number>} id convention), its organisation, and its country entity.</li>
 * </ul>
 */
public final class Resolver {

    /** Strength of one social post: weak alone; the burst detector counts them. */
    static final double POST_STRENGTH = 0.1;
    static final double DISCONNECT_STRENGTH = 0.2;
    static final int MAX_ENTITIES_PER_POST = 8;

    private final CatalogIndex index;

    public Resolver(CatalogIndex index) {
        this.index = index;
    }

    public CatalogIndex index() {
        return index;
    }

    public List<Signal> resolve(StatusObservation o) {
        String owner = index.contains(o.pageId()) ? o.pageId() : index.entityForHost(o.pageUrl());
        if (owner == null) {
            return List.of();
        }
        PageStatus status = StatusClassifier.classify(o);
        StatusSeverity.Assessment a = StatusSeverity.of(status);
        if (a.level() == HealthLevel.UNKNOWN) {
            return List.of();
        }
        Set<String> targets = new LinkedHashSet<>();
        Map<String, String> regionCodes = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        if (o.componentName() != null) {
            names.add(join(o.componentName(), o.groupName()));
        }
        names.addAll(o.affectedComponents());
        if (names.isEmpty() || !"COMPONENT".equals(o.kind())) {
            names.add(join(o.incidentName(), o.updateBody()));
        }
        for (String name : names) {
            CatalogIndex.RegionTerm r = index.regionNamedIn(owner, name == null ? "" : name.toLowerCase(Locale.ROOT));
            if (r != null) {
                targets.add(r.entityId());
                regionCodes.put(r.entityId(), r.regionCode());
            }
        }
        if (targets.isEmpty()) {
            targets.add(owner);
        }
        String key = o.componentId() != null ? "component:" + o.componentId()
                : o.incidentId() != null ? "incident:" + o.incidentId()
                : o.componentName() != null ? "component:" + o.componentName() : "page";
        String what = o.componentName() != null ? o.componentName() : o.incidentName() != null ? o.incidentName() : "page";
        List<Signal> out = new ArrayList<>(targets.size());
        for (String t : targets) {
            out.add(new Signal(DedupeKey.signalId(o.naturalKey(), t), t, SignalSource.STATUS_PAGE, a.level(), a.strength(),
                    regionCodes.getOrDefault(t, regionOf(t)), key, null, status.name().toLowerCase(Locale.ROOT) + ": " + what,
                    o.naturalKey(), o.eventTime(), o.observedAt()));
        }
        return out;
    }

    public List<Signal> resolve(SocialObservation p) {
        Map<String, Boolean> named = new LinkedHashMap<>(); // entity -> named by name or handle (not only ticker)
        for (String m : p.mentions()) {
            String id = index.entityForHandle(m);
            if (id != null) {
                named.put(id, true);
            }
        }
        String lower = p.text().toLowerCase(Locale.ROOT);
        for (String m : p.text().split("\\s+")) {
            if (m.length() > 1 && m.charAt(0) == '@') {
                String id = index.entityForHandle(m.replaceAll("[^@A-Za-z0-9_.]", ""));
                if (id != null) {
                    named.put(id, true);
                }
            }
        }
        for (CatalogIndex.Keyword k : index.keywords()) {
            if (named.size() >= MAX_ENTITIES_PER_POST) {
                break;
            }
            if (!Boolean.TRUE.equals(named.get(k.entityId())) && TextMatch.contains(lower, k.term())) {
                named.put(k.entityId(), true);
            }
        }
        for (String c : p.cashtags()) {
            for (String id : index.entitiesForCashtag(c)) {
                named.putIfAbsent(id, false);
            }
        }
        if (named.isEmpty()) {
            return List.of();
        }
        boolean onlyTickers = !named.containsValue(true);
        if (OutageLanguage.classify(p.text(), p.lang(), onlyTickers) != OutageLanguage.Verdict.OUTAGE_REPORT) {
            return List.of();
        }
        List<Signal> out = new ArrayList<>(named.size());
        String detail = "post: " + abbreviate(p.text(), 120);
        for (String id : named.keySet()) {
            if (out.size() == MAX_ENTITIES_PER_POST) {
                break;
            }
            out.add(new Signal(DedupeKey.signalId(p.postId(), id), id, SignalSource.SOCIAL, HealthLevel.DEGRADED,
                    POST_STRENGTH, regionOf(id), p.authorId(), null, detail, p.postId(), p.eventTime(), p.observedAt()));
        }
        return out;
    }

    public List<Signal> resolve(ProbeObservation r) {
        String target = index.contains(r.targetId()) ? r.targetId() : index.entityForHost(r.targetHost());
        if (target == null) {
            target = index.entityForHost(r.targetId());
        }
        if (target == null) {
            return List.of();
        }
        HealthLevel level = r.success() ? HealthLevel.UP : HealthLevel.DOWN;
        String what = r.success() ? "probe ok from " + r.vantage() : "probe failed (" + r.errorKind() + ") from " + r.vantage();
        List<Signal> out = new ArrayList<>(2);
        out.add(new Signal(DedupeKey.signalId(r.resultId(), target), target, SignalSource.PROBE, level, 1.0, regionOf(target),
                r.vantage(), r.vantageAsn(), what, r.resultId(), r.eventTime(), r.observedAt()));
        String network = r.vantageAsn() == null ? null : index.networkForAsn(r.vantageAsn());
        if (network != null && !network.equals(target)) {
            out.add(new Signal(DedupeKey.signalId(r.resultId(), network), network, SignalSource.PROBE, level, 1.0, null,
                    target, r.vantageAsn(), what + " to " + target, r.resultId(), r.eventTime(), r.observedAt()));
        }
        return out;
    }

    public List<Signal> resolve(ConnectionObservation c) {
        if (c.asn() == null && c.country() == null) {
            return List.of();
        }
        HealthLevel level = c.disconnect() ? HealthLevel.DOWN : HealthLevel.UP;
        String what = (c.vantage() != null ? "vantage " + c.vantage() : "probe " + c.probeId())
                + (c.disconnect() ? " disconnected" : " connected");
        Set<String> targets = new LinkedHashSet<>();
        if (c.asn() != null) {
            String network = index.networkForAsn(c.asn());
            if (network == null) {
                network = "as" + c.asn();
            }
            targets.add(network);
            ResolvableEntity n = index.entity(network);
            if (n != null && n.entity().parentId() != null) {
                targets.add(n.entity().parentId());
            }
        }
        String country = index.countryEntity(c.country());
        if (country != null) {
            targets.add(country);
        }
        List<Signal> out = new ArrayList<>(targets.size());
        // the first signal carries the probe and its network, so the correlation counts each event once
        ProbeConnection probe = new ProbeConnection(c.probeId(), !c.disconnect(), c.asn(), c.organisation(), c.country(),
                c.controller(), c.vantage());
        for (String t : targets) {
            out.add(new Signal(DedupeKey.signalId(c.eventId(), t), t, SignalSource.PROBE_CONNECTION, level,
                    DISCONNECT_STRENGTH, null, "probe:" + c.probeId(), c.asn(), what, c.eventId(), c.eventTime(),
                    c.observedAt(), out.isEmpty() ? probe : null));
        }
        return out;
    }

    private String regionOf(String entityId) {
        ResolvableEntity e = index.entity(entityId);
        if (e == null) {
            return null;
        }
        CatalogEntity c = e.entity();
        return c.regionCode();
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " / " + b;
    }

    private static String abbreviate(String s, int max) {
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }

}
