package io.faultline.ingestion.network;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.ingestion.probe.NetworkTagger;

/**
 * Gives probe records the network they were measured from, from the ASN dataset, without ever
 * overwriting what the source said: a ProbeResult gets vantage ASN, organisation and country
 * from the probe's own address; a ProbeConnectionEvent gets ASN, organisation and country from
 * its announced prefix (its first address). Each field is filled only when missing; when the
 * source gave an ASN, the organisation is the dataset's name for that ASN, and the country is
 * the registration country of the address. Remembers every ASN it saw so that
 * {@link NetworkCatalog} can describe them.
 */
public final class AsnNetworkTagger implements NetworkTagger {

    private final AsnDatabase db;
    private final Set<Long> seen = new ConcurrentSkipListSet<>();

    public AsnNetworkTagger(AsnDatabase db) {
        this.db = db;
    }

    @Override
    public ProbeResult tag(ProbeResult r, String vantageAddress) {
        boolean missing = r.getVantageAsn() == null || r.getVantageCountry() == null || r.getVantageOrg() == null;
        Optional<AsnInfo> info = missing ? lookup(vantageAddress) : Optional.empty();
        ProbeResult.Builder b = ProbeResult.newBuilder(r);
        Long asn = r.getVantageAsn() != null ? r.getVantageAsn() : info.map(AsnInfo::asn).orElse(null);
        b.setVantageAsn(asn);
        if (r.getVantageCountry() == null) {
            b.setVantageCountry(info.map(AsnInfo::country).orElse(null));
        }
        if (asn != null) {
            seen.add(asn);
            if (r.getVantageOrg() == null) {
                b.setVantageOrg(organisation(asn, info));
            }
        }
        return b.build();
    }

    @Override
    public ProbeConnectionEvent tag(ProbeConnectionEvent e) {
        boolean missing = e.getAsn() == null || e.getCountry() == null || e.getOrganisation() == null;
        Optional<AsnInfo> info = missing ? lookup(firstAddress(e.getPrefix())) : Optional.empty();
        ProbeConnectionEvent.Builder b = ProbeConnectionEvent.newBuilder(e);
        Long asn = e.getAsn() != null ? e.getAsn() : info.map(AsnInfo::asn).orElse(null);
        b.setAsn(asn);
        if (e.getCountry() == null) {
            b.setCountry(info.map(AsnInfo::country).orElse(null));
        }
        if (asn != null) {
            seen.add(asn);
            if (e.getOrganisation() == null) {
                b.setOrganisation(organisation(asn, info));
            }
        }
        return b.build();
    }

    /** The dataset's name for the range when it is the same AS, else its name for the AS (the source's ASN wins). */
    private String organisation(long asn, Optional<AsnInfo> info) {
        return info.filter(i -> i.asn() == asn).map(AsnInfo::organisation).or(() -> db.organisation(asn)).orElse(null);
    }

    /** ASNs of every record tagged so far, ascending. */
    public Set<Long> seenAsns() {
        return Collections.unmodifiableSet(new TreeSet<>(seen));
    }

    private Optional<AsnInfo> lookup(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        try {
            return db.lookup(address);
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty(); // Atlas writes e.g. "connect error 4" where an address belongs
        }
    }

    /** "73.0.0.0/8" → "73.0.0.0"; null when there is no prefix. */
    static String firstAddress(String prefix) {
        if (prefix == null) {
            return null;
        }
        int slash = prefix.indexOf('/');
        return slash < 0 ? prefix : prefix.substring(0, slash);
    }
}
