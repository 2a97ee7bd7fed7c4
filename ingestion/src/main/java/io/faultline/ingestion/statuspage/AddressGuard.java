package io.faultline.ingestion.statuspage;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides whether a resolved address may be fetched, so a status-page URL (which comes from
 * configuration or the catalog, i.e. from outside) cannot make the poller reach internal hosts.
 * Check the address the connection will actually use, after DNS resolution, for every redirect.
 *
 * <p>Refused: any-local, loopback, link-local (169.254/16, fe80::/10), private (10/8, 172.16/12,
 * 192.168/16), CGNAT 100.64/10, "this network" 0/8, reserved 240/4 and broadcast, multicast
 * (224/4, ff00::/8), IPv6 unique-local fc00::/7 and site-local fec0::/10, and IPv4 addresses
 * embedded in IPv6 (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16),
 * which are judged by the IPv4 address inside.
 *
 * <p>{@code allowPrivate} (for lab set-ups polling a page on the local network) lifts every
 * refusal except the cloud metadata endpoints (169.254.169.254, fd00:ec2::254): those hand out
 * instance credentials and no status page lives there.
 */
public final class AddressGuard {

    private static final byte[] AWS_METADATA_V6 = v6(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254);

    private AddressGuard() {
    }

    /** True when the address may be fetched. */
    public static boolean mayFetch(InetAddress address, boolean allowPrivate) {
        return refusal(address, allowPrivate).isEmpty();
    }

    /** Why the address must not be fetched, or empty when it may be. */
    public static Optional<String> refusal(InetAddress address, boolean allowPrivate) {
        if (address == null) {
            return Optional.of("no address");
        }
        byte[] b = address.getAddress();
        byte[] v4 = address instanceof Inet4Address ? b : embeddedV4(b);
        if (v4 != null && (v4[0] & 0xff) == 169 && (v4[1] & 0xff) == 254 && (v4[2] & 0xff) == 169
                && (v4[3] & 0xff) == 254) {
            return Optional.of("cloud metadata endpoint 169.254.169.254");
        }
        if (address instanceof Inet6Address && Arrays.equals(b, AWS_METADATA_V6)) {
            return Optional.of("cloud metadata endpoint fd00:ec2::254");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        if (v4 != null) {
            return v4Refusal(v4).map(r -> v4 == b ? r : r + " (IPv4 embedded in IPv6)");
        }
        return v6Refusal(b);
    }

    private static Optional<String> v4Refusal(byte[] a) {
        int x = a[0] & 0xff;
        int y = a[1] & 0xff;
        if (x == 0) {
            return Optional.of("this-network / any-local 0.0.0.0/8");
        }
        if (x == 127) {
            return Optional.of("loopback 127.0.0.0/8");
        }
        if (x == 10 || (x == 172 && (y & 0xf0) == 16) || (x == 192 && y == 168)) {
            return Optional.of("private (RFC 1918)");
        }
        if (x == 169 && y == 254) {
            return Optional.of("link-local 169.254.0.0/16");
        }
        if (x == 100 && (y & 0xc0) == 64) {
            return Optional.of("carrier-grade NAT 100.64.0.0/10");
        }
        if (x >= 224 && x <= 239) {
            return Optional.of("multicast 224.0.0.0/4");
        }
        if (x >= 240) {
            return Optional.of("reserved 240.0.0.0/4 or broadcast");
        }
        return Optional.empty();
    }

    private static Optional<String> v6Refusal(byte[] a) {
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        if (isZero(a, 0, 16)) {
            return Optional.of("any-local ::");
        }
        if (isZero(a, 0, 15) && a[15] == 1) {
            return Optional.of("loopback ::1");
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Optional.of("link-local fe80::/10");
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return Optional.of("site-local fec0::/10");
        }
        if ((first & 0xfe) == 0xfc) {
            return Optional.of("unique-local fc00::/7");
        }
        if (first == 0xff) {
            return Optional.of("multicast ff00::/8");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside a mapped, compatible, NAT64 or 6to4 IPv6 address, else null. */
    private static byte[] embeddedV4(byte[] a) {
        if (a.length != 16) {
            return null;
        }
        boolean mapped = isZero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
        boolean compatible = isZero(a, 0, 12) && !isZero(a, 12, 15); // not :: or ::1
        boolean nat64 = (a[0] & 0xff) == 0x00 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff
                && (a[3] & 0xff) == 0x9b && isZero(a, 4, 12);
        if (mapped || compatible || nat64) {
            return Arrays.copyOfRange(a, 12, 16);
        }
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(a, 2, 6); // 6to4: 2002:AABB:CCDD::/48
        }
        return null;
    }

    private static boolean isZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] v6(int... groups) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        return out;
    }
}
