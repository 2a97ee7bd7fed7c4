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
 * its announced prefix (its first address). When the source gave the ASN but no organisation,
 * the organisation is the dataset's name for that ASN. Remembers every ASN it saw so that
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
        Optional<AsnInfo> info = r.getVantageAsn() == null ? lookup(vantageAddress) : Optional.empty();
        ProbeResult.Builder b = ProbeResult.newBuilder(r);
        if (info.isPresent()) {
            b.setVantageAsn(info.get().asn());
            if (r.getVantageCountry() == null) {
                b.setVantageCountry(info.get().country());
            }
        }
        Long asn = b.getVantageAsn();
        if (asn != null) {
            seen.add(asn);
            if (r.getVantageOrg() == null) {
                b.setVantageOrg(info.map(AsnInfo::organisation).or(() -> db.organisation(asn)).orElse(null));
            }
        }
        return b.build();
    }

    @Override
    public ProbeConnectionEvent tag(ProbeConnectionEvent e) {
        Optional<AsnInfo> info = e.getAsn() == null ? lookup(firstAddress(e.getPrefix())) : Optional.empty();
        ProbeConnectionEvent.Builder b = ProbeConnectionEvent.newBuilder(e);
        if (info.isPresent()) {
            b.setAsn(info.get().asn());
            if (e.getCountry() == null) {
                b.setCountry(info.get().country());
            }
        }
        Long asn = b.getAsn();
        if (asn != null) {
            seen.add(asn);
            if (e.getOrganisation() == null) {
                b.setOrganisation(info.map(AsnInfo::organisation).or(() -> db.organisation(asn)).orElse(null));
            }
        }
        return b.build();
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
