package io.faultline.ingestion.network;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;

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
        Network n = complete(r.getVantageAsn(), r.getVantageCountry(), r.getVantageOrg(), () -> vantageAddress);
        return ProbeResult.newBuilder(r).setVantageAsn(n.asn()).setVantageCountry(n.country()).setVantageOrg(n.organisation())
                .build();
    }

    @Override
    public ProbeConnectionEvent tag(ProbeConnectionEvent e) {
        Network n = complete(e.getAsn(), e.getCountry(), e.getOrganisation(), () -> firstAddress(e.getPrefix()));
        return ProbeConnectionEvent.newBuilder(e).setAsn(n.asn()).setCountry(n.country()).setOrganisation(n.organisation())
                .build();
    }

    /** A record's network fields as they are to end up. */
    private record Network(Long asn, String country, String organisation) {
    }

    /**
     * The fields a record carries, with the missing ones filled from the data for its address
     * (looked up only when one is missing); the AS is remembered as seen.
     */
    private Network complete(Long asn, String country, String organisation, Supplier<String> address) {
        boolean missing = asn == null || country == null || organisation == null;
        Optional<AsnInfo> info = missing ? lookup(address.get()) : Optional.empty();
        Long a = asn != null ? asn : info.map(AsnInfo::asn).orElse(null);
        String c = country != null ? country : info.map(AsnInfo::country).orElse(null);
        String o = organisation;
        if (a != null) {
            seen.add(a);
            if (organisation == null) {
                o = organisation(a, info);
            }
        }
        return new Network(a, c, o);
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
