package io.faultline.ingestion.statuspage;

import io.faultline.avro.ComponentStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One component of a status page as last read. Group components are not listed as components;
 * their name is carried in {@link #groupName} of their children.
 *
 * @param updatedAt when the page says the component last changed; null when the page does not say
 */
public record PageComponent(String id, String name, String groupName, ComponentStatus status, Instant updatedAt) {

    public PageComponent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }
}
