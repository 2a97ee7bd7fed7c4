package io.faultline.ingestion.network;

import java.net.InetAddress;

/**
 * IP literals to 128-bit keys (two longs) without ever touching DNS: IPv4 {@code a.b.c.d} is
 * {@code (0, a.b.c.d)}, IPv6 is its 16 bytes. A string that is not a literal is rejected before
 * {@link InetAddress} sees it, so a host name can never trigger a lookup.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /** {hi, lo} of an IPv4 or IPv6 literal; throws IllegalArgumentException otherwise. */
    static long[] key(String literal) {
        String s = literal.strip();
        if (s.indexOf(':') < 0) {
            return new long[] {0, v4(s)};
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        return v6(s, literal);
    }

    /**
     * IPv6 text (RFC 4291 section 2.2: groups of up to four hex digits, one "::", an optional
     * dotted IPv4 tail) to {hi, lo}; parsed here because this runs for every row of the dataset.
     */
    static long[] v6(String s, String original) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        int len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        }
        while (i < len) {
            int dot = s.indexOf('.', i);
            int colon = s.indexOf(':', i);
            if (dot >= 0 && (colon < 0 || dot < colon)) { // IPv4 tail
                long v4 = v4(s.substring(i));
                if (n > 6) {
                    throw bad(original);
                }
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xffff);
                i = len;
                break;
            }
            int end = colon < 0 ? len : colon;
            if (end == i || end - i > 4 || n >= 8) {
                throw bad(original);
            }
            int g = 0;
            for (int k = i; k < end; k++) {
                int d = Character.digit(s.charAt(k), 16);
                if (d < 0) {
                    throw bad(original);
                }
                g = (g << 4) | d;
            }
            groups[n++] = g;
            if (colon < 0) {
                i = len;
            } else if (colon + 1 < len && s.charAt(colon + 1) == ':') {
                if (gap >= 0) {
                    throw bad(original);
                }
                gap = n;
                i = colon + 2;
            } else {
                if (colon + 1 == len) {
                    throw bad(original);
                }
                i = colon + 1;
            }
        }
        if (gap < 0 && n != 8 || gap >= 0 && n > 7) {
            throw bad(original);
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = n - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | full[k];
            lo = (lo << 16) | full[k + 4];
        }
        return new long[] {hi, lo};
    }

    private static IllegalArgumentException bad(String literal) {
        return new IllegalArgumentException("not an IP address: '" + literal + "'");
    }

    static long[] key(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return new long[] {0, ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL)};
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xffL);
            lo = (lo << 8) | (b[i + 8] & 0xffL);
        }
        return new long[] {hi, lo};
    }

    static boolean isV6(String literal) {
        return literal.indexOf(':') >= 0;
    }

    /** Dotted quad to its unsigned value; strict (four parts, 0..255, digits only). */
    static long v4(String s) {
        long value = 0;
        int part = 0;
        int parts = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                if (digits == 0 || part > 255 || ++parts > 4) {
                    throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
                }
                value = (value << 8) | part;
                part = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                part = part * 10 + (c - '0');
                digits++;
            } else {
                throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
            }
        }
        if (parts != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
        }
        return value;
    }
}
