package io.faultline.notify;

import java.util.List;
import java.util.Objects;

/**
 * One alert for one subscription: an incident revision and what it means to that subscriber.
 *
 * @param affected  the subscriber's own impaired services (every impaired member when the subscription has no stack)
 * @param members   all members, the subscriber's own first
 * @param previous  what the subscriber was last told (null for an open), so a channel whose alert identity
 *                  includes the cause or the state (Alertmanager labels) can end the old one
 */
public record Alert(String subscriptionId, AlertKind kind, IncidentView incident, List<IncidentView.Member> affected,
                    List<IncidentView.Member> members, Delivered previous) {

    /** What a subscriber was told about an incident. */
    public record Delivered(String causeId, String state, java.util.Set<String> affected) {
    }

    public Alert {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incident, "incident");
        affected = List.copyOf(affected);
        members = List.copyOf(members);
    }

    /** {@code <incident id>:<revision>}: the same revision always carries the same key, so receivers can drop repeats. */
    public String idempotencyKey() {
        return incident.id() + ":" + incident.revision();
    }
}
