package io.faultline.ingestion.network;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * IP address → ASN, organisation and country, from the ip-location-db CSVs
 * ({@code asn-ipv4.csv}, {@code asn-ipv6.csv}: {@code start,end,asn,organisation}; optional
 * {@code asn-country-ipv4.csv}, {@code asn-country-ipv6.csv}: {@code start,end,country}), plain
 * or gzipped ({@code .csv.gz}). Ranges are held in sorted primitive arrays and found by binary
 * search. Country is the registration country of the range holding the address (the two
 * datasets' ranges are not aligned, so it is looked up separately). A line that cannot be read
 * is skipped and counted ({@link #skippedLines()}): the upstream README warns that its data has
 * errors, and one bad row must not make the other 500,000 unusable.
 */
public final class AsnDatabase {

    public static final String ASN_V4 = "asn-ipv4.csv";
    public static final String ASN_V6 = "asn-ipv6.csv";
    public static final String COUNTRY_V4 = "asn-country-ipv4.csv";
    public static final String COUNTRY_V6 = "asn-country-ipv6.csv";

    private final RangeTable asnV4 = new RangeTable();
    private final RangeTable asnV6 = new RangeTable();
    private final RangeTable countryV4 = new RangeTable();
    private final RangeTable countryV6 = new RangeTable();
    private final List<Long> networkAsn = new ArrayList<>();
    private final List<String> networkOrg = new ArrayList<>();
    private final Map<String, Integer> networkIds = new HashMap<>();
    private final Map<Long, Integer> firstNetworkOfAsn = new HashMap<>();
    private final Map<Long, long[]> firstAddressOfAsn = new HashMap<>();
    private final List<String> countries = new ArrayList<>();
    private final Map<String, Integer> countryIds = new HashMap<>();
    private long skipped;

    private AsnDatabase() {
    }

    /** Loads what {@code dir} holds; at least one of the ASN files must be there. */
    public static AsnDatabase load(Path dir) throws IOException {
        AsnDatabase db = new AsnDatabase();
        boolean any = false;
        for (String name : List.of(ASN_V4, ASN_V6)) {
            Path f = find(dir, name);
            if (f != null) {
                any = true;
                db.readAsn(f, name.equals(ASN_V6) ? db.asnV6 : db.asnV4);
            }
        }
        if (!any) {
            throw new IOException("no ASN data in " + dir + " (expected " + ASN_V4 + " or " + ASN_V6
                    + ", optionally gzipped; run 'faultline networks install')");
        }
        for (String name : List.of(COUNTRY_V4, COUNTRY_V6)) {
            Path f = find(dir, name);
            if (f != null) {
                db.readCountry(f, name.equals(COUNTRY_V6) ? db.countryV6 : db.countryV4);
            }
        }
        for (RangeTable t : List.of(db.asnV4, db.asnV6, db.countryV4, db.countryV6)) {
            t.seal();
        }
        return db;
    }

    private static Path find(Path dir, String name) {
        for (Path p : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The network of an IP literal; empty for an address in no range. Throws IllegalArgumentException for a non-literal. */
    public Optional<AsnInfo> lookup(String ipLiteral) {
        return lookup(IpAddresses.key(ipLiteral), IpAddresses.isV6(ipLiteral));
    }

    public Optional<AsnInfo> lookup(InetAddress address) {
        return lookup(IpAddresses.key(address), address.getAddress().length == 16);
    }

    private Optional<AsnInfo> lookup(long[] key, boolean v6) {
        if (v6 && key[0] == 0 && (key[1] >>> 32) == 0xffffL) { // ::ffff:a.b.c.d is an IPv4 address
            return lookup(new long[] {0, key[1] & 0xffffffffL}, false);
        }
        RangeTable t = v6 ? asnV6 : asnV4;
        int i = t.find(key[0], key[1]);
        if (i < 0) {
            return Optional.empty();
        }
        int network = t.value(i);
        return Optional.of(new AsnInfo(networkAsn.get(network), networkOrg.get(network), countryAt(key, v6)));
    }

    /** Organisation name the dataset gives for an ASN (its first range's). */
    public Optional<String> organisation(long asn) {
        Integer n = firstNetworkOfAsn.get(asn);
        return n == null ? Optional.empty() : Optional.ofNullable(networkOrg.get(n));
    }

    /** Registration country at the first address the dataset lists for an ASN. */
    public Optional<String> country(long asn) {
        long[] first = firstAddressOfAsn.get(asn);
        return first == null ? Optional.empty() : Optional.ofNullable(countryAt(new long[] {first[0], first[1]}, first[2] == 1));
    }

    private String countryAt(long[] key, boolean v6) {
        RangeTable t = v6 ? countryV6 : countryV4;
        int i = t.find(key[0], key[1]);
        return i < 0 ? null : countries.get(t.value(i));
    }

    /** Address ranges loaded (ASN tables, IPv4 + IPv6). */
    public int ranges() {
        return asnV4.size() + asnV6.size();
    }

    public int countryRanges() {
        return countryV4.size() + countryV6.size();
    }

    public long skippedLines() {
        return skipped;
    }

    private void readAsn(Path file, RangeTable table) throws IOException {
        boolean v6 = table == asnV6;
        try (BufferedReader r = open(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                List<String> f = Csv.fields(line);
                if (f.size() < 4) {
                    skipped += line.isBlank() ? 0 : 1;
                    continue;
                }
                try {
                    long[] start = IpAddresses.key(f.get(0));
                    long[] end = IpAddresses.key(f.get(1));
                    long asn = Long.parseLong(f.get(2).strip());
                    String org = f.get(3).strip();
                    int network = network(asn, org);
                    table.add(start, end, network);
                    firstNetworkOfAsn.putIfAbsent(asn, network);
                    firstAddressOfAsn.putIfAbsent(asn, new long[] {start[0], start[1], v6 ? 1 : 0});
                } catch (IllegalArgumentException e) {
                    skipped++;
                }
            }
        }
    }

    private void readCountry(Path file, RangeTable table) throws IOException {
        try (BufferedReader r = open(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                List<String> f = Csv.fields(line);
                if (f.size() < 3 || f.get(2).strip().length() != 2) {
                    skipped += line.isBlank() ? 0 : 1;
                    continue;
                }
                try {
                    String cc = f.get(2).strip().toUpperCase(java.util.Locale.ROOT);
                    int id = countryIds.computeIfAbsent(cc, k -> {
                        countries.add(k);
                        return countries.size() - 1;
                    });
                    table.add(IpAddresses.key(f.get(0)), IpAddresses.key(f.get(1)), id);
                } catch (IllegalArgumentException e) {
                    skipped++;
                }
            }
        }
    }

    /** The id of an (ASN, organisation) pair; rows of one ASN come together, so the last pair is checked first. */
    private int network(long asn, String org) {
        int last = networkAsn.size() - 1;
        String name = org.isEmpty() ? null : org;
        if (last >= 0 && networkAsn.get(last) == asn && java.util.Objects.equals(networkOrg.get(last), name)) {
            return last;
        }
        return networkIds.computeIfAbsent(asn + "\u0000" + org, k -> {
            networkAsn.add(asn);
            networkOrg.add(name);
            return networkAsn.size() - 1;
        });
    }

    /** Plain or gzip, told apart by the magic bytes. */
    private static BufferedReader open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
