package io.faultline.ingestion.probe.prober;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the prober runs, stamped on every result so that failures can be grouped by vantage:
 * a name (unique per prober instance), a region label, the ASN the host sits in and its country.
 * Region, ASN and country are optional; the ASN can be filled from the ASN dataset later.
 */
public record Vantage(String name, String region, Long asn, String country) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Vantage {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--vantage-name '" + name
                    + "': 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
        if (asn != null && (asn <= 0 || asn > 4_294_967_295L)) {
            throw new IllegalArgumentException("--vantage-asn " + asn + ": an AS number is 1..4294967295");
        }
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!COUNTRY.matcher(country).matches()) {
                throw new IllegalArgumentException("--vantage-country '" + country + "': an ISO 3166-1 alpha-2 code, e.g. DE");
            }
        }
        if (region != null && region.isBlank()) {
            region = null;
        }
    }
}
