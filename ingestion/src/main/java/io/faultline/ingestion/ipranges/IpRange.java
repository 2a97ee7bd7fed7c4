package io.faultline.ingestion.ipranges;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One published address block of a provider.
 *
 * @param provider {@code aws}, {@code gcp} or {@code cloudflare}
 * @param region   provider region (AWS {@code region}, Google {@code scope}), null when global
 * @param service  provider's service label (AWS {@code service}, e.g. EC2 or CLOUDFRONT), or null
 * @param prefix   the CIDR as published
 * @param network  network address bytes (4 or 16), host bits zero
 * @param length   prefix length
 */
public record IpRange(String provider, String region, String service, String prefix, byte[] network, int length) {

    public IpRange {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** Parses {@code a.b.c.d/n} or {@code x:y::/n}; a malformed CIDR raises IllegalArgumentException. */
    public static IpRange of(String provider, String region, String service, String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + cidr + "' is not a CIDR (no '/')");
        }
        String address = cidr.substring(0, slash).trim();
        if (!address.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address block");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address block", e);
        }
        int length;
        try {
            length = Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "' has no numeric prefix length", e);
        }
        if (length < 0 || length > bytes.length * 8) {
            throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bytes.length * 8);
        }
        return new IpRange(provider, region, service, cidr.trim(), mask(bytes, length), length);
    }

    static byte[] mask(byte[] address, int length) {
        byte[] out = address.clone();
        for (int bit = length; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }
}
