package io.faultline.ingestion.ipranges;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Proposes {@code dependsOn} edges from DNS: each service's domains are resolved, each address is
 * matched against the published ranges, and a match names a catalog entity (AWS region R becomes
 * {@code aws/R} if the catalog has it, else {@code aws}; AWS CLOUDFRONT blocks become
 * {@code cloudfront}; Google scope R becomes {@code gcp/R} or {@code gcp}; Cloudflare becomes
 * {@code cloudflare}, Fastly {@code fastly}; Azure region R becomes {@code azure/R} or {@code azure}, its
 * AzureFrontDoor.Frontend tag {@code azure-front-door}). Edges the service already declares are not proposed again. Proposals are
 * evidence {@code ip-ranges}, unconfirmed: a human decides.
 */
public final class EdgeDiscovery {

    /** Resolves a host name to its addresses; empty when it does not resolve. Injected so tests need no DNS. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host);
    }

    /** A proposed edge with what it rests on. */
    public record Proposal(String serviceId, String domain, String address, IpRange range, Dependency edge) {
    }

    /** An address inside a published block, with the catalog entity the block names (null when none). */
    public record RangeMatch(IpRange range, String target, String kind, String source) {
    }

    private final IpRangeMatcher matcher;
    private final Map<String, String> publishedBy;
    private final Resolver resolver;

    /** @param ranges the providers' published ranges (their dates go into each edge's source) */
    /** @param resolver may be null when only {@link #match} is used */
    public EdgeDiscovery(List<PublishedRanges> ranges, Resolver resolver) {
        this.matcher = new IpRangeMatcher(ranges.stream().flatMap(r -> r.ranges().stream()).toList());
        this.publishedBy = ranges.stream().collect(Collectors.toMap(PublishedRanges::provider,
                PublishedRanges::published, (a, b) -> a + ", " + b, LinkedHashMap::new));
        this.resolver = resolver;
    }

    public List<Proposal> propose(List<CatalogEntry> catalog) {
        Set<String> ids = catalog.stream().map(CatalogEntry::getEntityId).collect(Collectors.toSet());
        List<Proposal> out = new ArrayList<>();
        for (CatalogEntry service : catalog) {
            if (service.getKind() != io.faultline.avro.EntityKind.SERVICE) {
                continue;
            }
            Set<String> declared = service.getDependsOn().stream().map(Dependency::getTarget).collect(Collectors.toSet());
            Map<String, Proposal> byTarget = new LinkedHashMap<>();
            for (String domain : service.getDomains()) {
                for (InetAddress address : resolver.resolve(domain)) {
                    Optional<RangeMatch> match = match(address, ids::contains);
                    if (match.isEmpty() || match.get().target() == null) {
                        continue;
                    }
                    String target = match.get().target();
                    if (declared.contains(target) || byTarget.containsKey(target)) {
                        continue;
                    }
                    byTarget.put(target, new Proposal(service.getEntityId(), domain, address.getHostAddress(), match.get().range(),
                            Dependency.newBuilder().setTarget(target).setKind(match.get().kind()).setEvidence("ip-ranges")
                                    .setSource(match.get().source()).setConfirmed(false).build()));
                }
            }
            out.addAll(byTarget.values());
        }
        return out;
    }

    /** The most specific published block holding the address, if any, and what it names in the catalog. */
    public Optional<RangeMatch> match(InetAddress address, Function<String, Boolean> known) {
        return matcher.match(address).map(range -> new RangeMatch(range, target(range, known), kind(range), source(range)));
    }

    static String target(IpRange range, Function<String, Boolean> known) {
        String provider = range.provider();
        if (PublishedRanges.AWS.equals(provider) && "CLOUDFRONT".equals(range.service()) && known.apply("cloudfront")) {
            return "cloudfront";
        }
        if (isFrontDoor(range) && known.apply("azure-front-door")) {
            return "azure-front-door";
        }
        if (range.region() != null && known.apply(provider + "/" + range.region())) {
            return provider + "/" + range.region();
        }
        return known.apply(provider) ? provider : null;
    }

    private static String kind(IpRange range) {
        return PublishedRanges.CLOUDFLARE.equals(range.provider()) || PublishedRanges.FASTLY.equals(range.provider())
                || "CLOUDFRONT".equals(range.service()) || isFrontDoor(range) ? "cdn" : "hosting";
    }

    private static boolean isFrontDoor(IpRange range) {
        return PublishedRanges.AZURE.equals(range.provider()) && range.service() != null
                && range.service().startsWith("AzureFrontDoor.Frontend");
    }

    private String source(IpRange range) {
        String url = switch (range.provider()) {
            case PublishedRanges.AWS -> IpRangeDownload.AWS_URL.toString();
            case PublishedRanges.GOOGLE -> IpRangeDownload.GOOGLE_URL.toString();
            case PublishedRanges.AZURE -> IpRangeDownload.AZURE_URL.toString();
            case PublishedRanges.FASTLY -> IpRangeDownload.FASTLY_URL.toString();
            case PublishedRanges.GOOGLE_ALL -> IpRangeDownload.GOOGLE_ALL_URL.toString();
            default -> range.prefix().contains(":") ? IpRangeDownload.CLOUDFLARE_V6_URL.toString()
                    : IpRangeDownload.CLOUDFLARE_V4_URL.toString();
        };
        return url + " (" + range.prefix() + (range.service() == null ? "" : " " + range.service())
                + ", published " + publishedBy.getOrDefault(range.provider(), "unknown") + ")";
    }
}
