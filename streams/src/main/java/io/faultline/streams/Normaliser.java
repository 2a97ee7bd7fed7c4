package io.faultline.streams;

import java.util.List;

import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.SocialPost;
import io.faultline.avro.StatusPageObservation;
import io.faultline.core.resolve.Resolver;
import io.faultline.core.signal.DedupeKey;
import io.faultline.core.signal.Signal;
import io.faultline.core.signal.SignalSource;
import io.faultline.schemas.mapping.RawObservations;
import org.apache.avro.specific.SpecificRecord;

/**
 * Raw wire record → de-duplication key and core signals. The one place both the topology and
 * the offline pipeline turn raw records into signals, so they cannot drift apart.
 */
public final class Normaliser {

    private Normaliser() {
    }

    public static String dedupeKey(SpecificRecord raw) {
        if (raw instanceof StatusPageObservation o) {
            return DedupeKey.of(SignalSource.STATUS_PAGE, o.getObservationId());
        } else if (raw instanceof SocialPost p) {
            return DedupeKey.of(SignalSource.SOCIAL, p.getPostId());
        } else if (raw instanceof ProbeResult r) {
            return DedupeKey.of(SignalSource.PROBE, r.getResultId());
        } else if (raw instanceof ProbeConnectionEvent e) {
            return DedupeKey.of(SignalSource.PROBE_CONNECTION, e.getEventId());
        }
        throw new IllegalArgumentException("not a raw observation: " + raw.getClass().getName());
    }

    /** Why a decoded raw record cannot be normalised (no natural key), or null. */
    public static String problem(SpecificRecord raw) {
        try {
            dedupeKey(raw);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public static List<Signal> signals(Resolver resolver, SpecificRecord raw) {
        if (raw instanceof StatusPageObservation o) {
            return resolver.resolve(RawObservations.toCore(o));
        } else if (raw instanceof SocialPost p) {
            return resolver.resolve(RawObservations.toCore(p));
        } else if (raw instanceof ProbeResult r) {
            return resolver.resolve(RawObservations.toCore(r));
        } else if (raw instanceof ProbeConnectionEvent e) {
            return resolver.resolve(RawObservations.toCore(e));
        }
        throw new IllegalArgumentException("not a raw observation: " + raw.getClass().getName());
    }
}
