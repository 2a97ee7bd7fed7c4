package io.faultline.app.demo;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.IncidentMember;
import io.faultline.avro.SuspectedCause;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints an incident as it forms: one line per revision (event time, state, named cause and
 * confidence) followed by the services that joined or left since the previous revision.
 */
public final class IncidentPrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Map<String, Set<String>> activeMembers = new HashMap<>();

    public IncidentPrinter(PrintStream out) {
        this.out = out;
    }

    public synchronized void print(CorrelatedIncident incident) {
        SuspectedCause cause = incident.getCause();
        String named = cause.getComponentId() == null ? "unknown shared cause" : cause.getComponentId();
        // a network resolved from probes counts probes, not catalog dependents, and says when it started and ended
        Map<String, String> attributes = incident.getCommonAttributes();
        boolean network = attributes.containsKey("start") && attributes.containsKey("scope");
        String counted = network
                ? String.format("%d probes out, %d seen in scope, out since %s%s", cause.getImpairedDependents(),
                        cause.getTotalDependents(), attributes.get("start").substring(11, 16) + "Z",
                        attributes.containsKey("end") ? ", back at " + attributes.get("end").substring(11, 16) + "Z" : "")
                : cause.getImpairedDependents() + "/" + cause.getTotalDependents() + " dependents impaired";
        out.printf("  [%s] %s rev %d %-9s cause %s (%s), confidence %.2f, %s%s%n",
                TIME.format(incident.getEventTime()), incident.getIncidentId(), incident.getRevision(),
                incident.getState(), named, cause.getComponentName(), cause.getConfidence(), counted,
                cause.getStatusPageAgrees() ? ", provider status page agrees" : "");
        Set<String> before = activeMembers.getOrDefault(incident.getIncidentId(), Set.of());
        Set<String> now = new HashSet<>();
        List<String> joined = new ArrayList<>();
        for (IncidentMember m : incident.getMembers()) {
            if (m.getLeftAt() == null) {
                now.add(m.getServiceId());
                if (!before.contains(m.getServiceId())) {
                    joined.add(m.getServiceId() + " (" + m.getState().name().toLowerCase() + " since "
                            + TIME.format(m.getJoinedAt()).substring(11) + ")");
                }
            }
        }
        List<String> left = before.stream().filter(id -> !now.contains(id)).sorted().toList();
        activeMembers.put(incident.getIncidentId(), now);
        if (!joined.isEmpty()) {
            out.println("      joined: " + String.join(", ", joined));
        }
        if (!left.isEmpty()) {
            out.println("      left:   " + String.join(", ", left));
        }
    }
}
