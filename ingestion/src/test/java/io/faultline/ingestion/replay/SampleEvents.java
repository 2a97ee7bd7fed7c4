package io.faultline.ingestion.replay;

import java.time.Instant;
import java.util.List;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.ConnectionEventType;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.ObservationKind;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.ProbeType;
import io.faultline.avro.SocialPlatform;
import io.faultline.avro.SocialPost;
import io.faultline.avro.StatusPageFormat;
import io.faultline.avro.StatusPageObservation;

/** One event of each raw kind, at named instants, for archive tests. */
final class SampleEvents {

    static final Instant T0 = Instant.parse("2021-12-07T15:30:00Z");

    private SampleEvents() {
    }

    static RawEvent statusPage(Instant at) {
        return RawEvent.of(StatusPageObservation.newBuilder()
                .setObservationId("aws/incident/x/" + at.toEpochMilli()).setPageId("aws")
                .setPageUrl("https://health.aws.amazon.com/health/status").setFormat(StatusPageFormat.AWS_HEALTH)
                .setKind(ObservationKind.INCIDENT).setComponentStatus(ComponentStatus.PARTIAL_OUTAGE)
                .setIncidentStatus(IncidentStatus.INVESTIGATING).setUpdateBody("We are investigating \"API\" errors — ünïcode")
                .setAffectedComponents(List.of("us-east-1")).setEventTime(at).setObservedAt(at.plusSeconds(5)).build());
    }

    static RawEvent social(Instant at) {
        return RawEvent.of(SocialPost.newBuilder().setPostId("x:" + at.toEpochMilli()).setPlatform(SocialPlatform.X)
                .setText("is aws down?\nline two").setAuthorId("42").setHashtags(List.of("aws")).setEventTime(at)
                .setObservedAt(at).build());
    }

    static RawEvent probe(Instant at) {
        return RawEvent.of(ProbeResult.newBuilder().setResultId("r:" + at.toEpochMilli()).setSource(ProbeSource.FAULTLINE_PROBER)
                .setProbeType(ProbeType.HTTP).setTargetId("coinbase").setVantage("prober-1").setSuccess(false)
                .setStatusCode(503).setErrorKind(ProbeErrorKind.HTTP_ERROR).setTotalMs(123.4).setEventTime(at)
                .setObservedAt(at).build());
    }

    static RawEvent connection(Instant at) {
        return RawEvent.of(ProbeConnectionEvent.newBuilder().setEventId("c:" + at.toEpochMilli()).setSource(ProbeSource.RIPE_ATLAS)
                .setProbeId(1234).setEvent(ConnectionEventType.DISCONNECT).setAsn(7922L).setEventTime(at).setObservedAt(at).build());
    }

    /** All four kinds, one second apart from {@code start}. */
    static List<RawEvent> allKinds(Instant start) {
        return List.of(statusPage(start), social(start.plusSeconds(1)), probe(start.plusSeconds(2)),
                connection(start.plusSeconds(3)));
    }
}
