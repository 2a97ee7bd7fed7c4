package io.faultline.ingestion.probe.prober;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.EntityKind;

/**
 * The prober's targets from the catalog: every domain of every service, probed over HTTPS on
 * port 443 and keyed by the service's id. Providers are left out (their domains are consoles
 * and marketing sites, not the infrastructure customers depend on). A domain that is not a
 * host name is reported and skipped; a domain listed twice is probed once.
 */
public final class CatalogTargets {

    private CatalogTargets() {
    }

    public static List<ProbeTarget> of(List<CatalogEntry> entries, Consumer<String> problems) {
        List<ProbeTarget> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (CatalogEntry e : entries) {
            if (e.getKind() != EntityKind.SERVICE || e.getDeleted()) {
                continue;
            }
            for (String domain : e.getDomains()) {
                if (!seen.add(e.getEntityId() + " " + domain)) {
                    continue;
                }
                try {
                    out.add(ProbeTarget.https(e.getEntityId(), domain.strip()));
                } catch (IllegalArgumentException ex) {
                    problems.accept(ex.getMessage());
                }
            }
        }
        return out;
    }
}
