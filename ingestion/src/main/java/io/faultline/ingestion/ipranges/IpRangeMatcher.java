package io.faultline.ingestion.ipranges;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the most specific published block containing an address (longest prefix wins, so an AWS
 * EC2 block in us-east-1 beats the AMAZON block around it). One hash map per prefix length: a
 * lookup costs one probe per distinct length (at most 33 for IPv4, 129 for IPv6). Among blocks
 * with the same network and length, a named service beats AWS's umbrella label AMAZON (AWS lists
 * most EC2 blocks under both; Azure's AzureCloud tags likewise), then one with a region beats one
 * without; otherwise the first listed wins.
 */
public final class IpRangeMatcher {

    private final Map<String, IpRange> byKey = new HashMap<>();
    private final TreeSet<Integer> v4Lengths = new TreeSet<>();
    private final TreeSet<Integer> v6Lengths = new TreeSet<>();

    public IpRangeMatcher(List<IpRange> ranges) {
        for (IpRange r : ranges) {
            byKey.merge(key(r.network(), r.length()), r, (known, other) -> rank(other) > rank(known) ? other : known);
            (r.network().length == 4 ? v4Lengths : v6Lengths).add(r.length());
        }
    }

    public Optional<IpRange> match(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (int length : (bytes.length == 4 ? v4Lengths : v6Lengths).descendingSet()) {
            IpRange hit = byKey.get(key(IpRange.mask(bytes, length), length));
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        return Optional.empty();
    }

    public int size() {
        return byKey.size();
    }

    private static boolean isUmbrella(IpRange range) {
        return "AMAZON".equals(range.service())
                || PublishedRanges.AZURE.equals(range.provider()) && range.service() != null && range.service().startsWith("AzureCloud");
    }

    /** A named service beats an umbrella label; then a block with a region beats one without. */
    private static int rank(IpRange range) {
        return (isUmbrella(range) ? 0 : 2) + (range.region() == null ? 0 : 1);
    }

    private static String key(byte[] network, int length) {
        return HexFormat.of().formatHex(network) + "/" + length;
    }
}
