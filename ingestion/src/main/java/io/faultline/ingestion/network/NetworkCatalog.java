package io.faultline.ingestion.network;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;
import io.faultline.avro.EntityKind;

/**
 * Catalog entries for networks: one NETWORK entity per ASN ({@code as7922}, named
 * "AS7922 Comcast Cable Communications, LLC", country from the dataset when it has one) that
 * depends on an ORGANISATION entity ({@code org/comcast-cable-communications-llc}), so that
 * probes disconnecting together can be attributed to the AS or to the organisation that runs
 * several ASes. Entries carry category {@value #CATEGORY}: {@code catalog load --prune} leaves
 * them alone, because they do not come from the YAML.
 */
public final class NetworkCatalog {

    public static final String CATEGORY = "asn-dataset";

    private NetworkCatalog() {
    }

    /** Entries for {@code asns}; an ASN the dataset does not know gets a NETWORK entry without organisation. */
    public static List<CatalogEntry> entries(Iterable<Long> asns, AsnDatabase db, String datasetSource, Instant at) {
        Map<String, CatalogEntry> orgs = new LinkedHashMap<>();
        List<CatalogEntry> networks = new ArrayList<>();
        for (long asn : asns) {
            Optional<String> org = db.organisation(asn);
            String country = db.country(asn).orElse(null);
            String orgId = org.map(NetworkCatalog::organisationId).orElse(null);
            CatalogEntry.Builder n = CatalogEntry.newBuilder()
                    .setEntityId("as" + asn)
                    .setKind(EntityKind.NETWORK)
                    .setName("AS" + asn + org.map(o -> " " + o).orElse(""))
                    .setAsn(asn)
                    .setCountry(country)
                    .setCategory(CATEGORY)
                    .setAliases(List.of("AS" + asn))
                    .setSources(List.of(datasetSource))
                    .setEventTime(at);
            if (orgId != null) {
                n.setParentId(orgId).setDependsOn(List.of(Dependency.newBuilder()
                        .setTarget(orgId).setKind("network").setEvidence("docs").setSource(datasetSource).build()));
                orgs.computeIfAbsent(orgId, id -> CatalogEntry.newBuilder()
                        .setEntityId(id)
                        .setKind(EntityKind.ORGANISATION)
                        .setName(org.get())
                        .setCountry(country)
                        .setCategory(CATEGORY)
                        .setSources(List.of(datasetSource))
                        .setEventTime(at)
                        .build());
            }
            networks.add(n.build());
        }
        List<CatalogEntry> out = new ArrayList<>(orgs.values());
        out.addAll(networks);
        return out;
    }

    /** "Comcast Cable Communications, LLC" → "org/comcast-cable-communications-llc". */
    static String organisationId(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return "org/" + (slug.isEmpty() ? Integer.toHexString(name.hashCode()) : slug);
    }
}
