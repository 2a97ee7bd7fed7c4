package io.faultline.core.health;

import io.faultline.core.correlation.HealthLevel;

/** The latest word of one status-page component or incident about an entity. */
record StatusEntry(String key, HealthLevel level, double strength, long timeMillis, String detail, String region) {
}
