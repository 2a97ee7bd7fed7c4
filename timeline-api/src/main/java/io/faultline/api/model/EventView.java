package io.faultline.api.model;

import java.time.Instant;

/** One entry of an incident's evidence timeline. */
public record EventView(Instant time, String kind, String message, String serviceId, String componentId) {
}
