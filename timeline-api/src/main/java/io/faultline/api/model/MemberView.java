package io.faultline.api.model;

import java.time.Instant;

/** A member service of an incident; leftAt is null while it is still impaired. */
public record MemberView(String serviceId, String serviceName, String state, Instant joinedAt, Instant leftAt,
                         String region) {
}
