package io.faultline.api.model;

import java.time.Instant;

/** Services of one provider impaired (as incident members) at some time inside [bucket, bucket + step). */
public record BlastPoint(Instant bucket, long impairedServices, long incidents) {
}
