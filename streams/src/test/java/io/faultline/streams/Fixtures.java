package io.faultline.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.ComponentStatus;
import io.faultline.avro.Dependency;
import io.faultline.avro.EntityKind;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.ObservationKind;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.ProbeType;
import io.faultline.avro.SocialPlatform;
import io.faultline.avro.SocialPost;
import io.faultline.avro.StatusPageFormat;
import io.faultline.avro.StatusPageObservation;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.MockSchemaRegistryClient;

/**
 * Hand-made inputs: a small catalog (AWS with us-east-1, three services on it, one elsewhere)
 * and a one-hour outage of the us-east-1 services, probed from six vantages every minute, with
 * a late AWS status post and a few user posts. Named instants.
 */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2021-12-07T15:00:00Z");
    public static final Instant OUTAGE_START = T0.plus(Duration.ofMinutes(10));
    public static final Instant OUTAGE_END = T0.plus(Duration.ofMinutes(40));
    public static final Instant AWS_POST = T0.plus(Duration.ofMinutes(25));
    public static final Instant AWS_RESOLVED = T0.plus(Duration.ofMinutes(45));
    public static final List<String> AFFECTED = List.of("coinbase", "venmo", "slack");
    public static final List<String> UNAFFECTED = List.of("netflix");
    public static final int VANTAGES = 6;

    private Fixtures() {
    }

    /** A registry client mock: the unit-test edge of the Confluent-API registry. */
    public static SchemaRegistry registry() {
        return new SchemaRegistry(new MockSchemaRegistryClient(), true);
    }

    public static CatalogEntry entity(String id, EntityKind kind, String name, String parent, String regionCode,
                                      List<String> aliases, List<String> keywords, List<String> domains, String... dependsOn) {
        List<Dependency> deps = new ArrayList<>();
        for (String d : dependsOn) {
            deps.add(Dependency.newBuilder().setTarget(d).setKind("hosting").setEvidence("outage-report").build());
        }
        return CatalogEntry.newBuilder().setEntityId(id).setKind(kind).setName(name).setParentId(parent)
                .setRegionCode(regionCode).setAliases(aliases).setKeywords(keywords).setDomains(domains)
                .setHandles(Map.of()).setCashtags(List.of()).setDependsOn(deps).setEventTime(T0.minus(Duration.ofDays(1)))
                .build();
    }

    public static List<CatalogEntry> catalog() {
        List<CatalogEntry> c = new ArrayList<>();
        c.add(entity("aws", EntityKind.PROVIDER, "Amazon Web Services", null, null, List.of(), List.of("aws"), List.of("amazonaws.com")));
        c.add(entity("aws/us-east-1", EntityKind.REGION, "US East (N. Virginia)", "aws", "us-east-1",
                List.of("N. Virginia", "Northern Virginia", "us-east-1", "IAD"), List.of(), List.of()));
        c.add(entity("aws/eu-west-1", EntityKind.REGION, "Europe (Ireland)", "aws", "eu-west-1",
                List.of("Ireland", "eu-west-1"), List.of(), List.of()));
        for (String s : AFFECTED) {
            c.add(entity(s, EntityKind.SERVICE, s, null, null, List.of(), List.of(s), List.of(s + ".com"), "aws/us-east-1"));
        }
        c.add(entity("netflix", EntityKind.SERVICE, "Netflix", null, null, List.of(), List.of("netflix"), List.of("netflix.com"),
                "aws/eu-west-1"));
        return c;
    }

    public static ProbeResult probe(String service, int vantage, Instant t, boolean ok) {
        String v = "replay-v" + vantage;
        return ProbeResult.newBuilder().setResultId("replay:" + v + ":" + service + ":" + t.toEpochMilli())
                .setSource(ProbeSource.RECONSTRUCTED).setProbeType(ProbeType.HTTP).setTargetId(service)
                .setTargetHost("https://" + service + ".com").setVantage(v).setSuccess(ok)
                .setErrorKind(ok ? ProbeErrorKind.NONE : ProbeErrorKind.TIMEOUT).setStatusCode(ok ? 200 : null)
                .setEventTime(t).setObservedAt(t).build();
    }

    public static StatusPageObservation awsIncident(String id, Instant t, IncidentStatus status) {
        return StatusPageObservation.newBuilder().setObservationId("aws:" + id + ":" + t.toEpochMilli()).setPageId("aws")
                .setPageUrl("https://health.aws.amazon.com/health/status").setFormat(StatusPageFormat.AWS_HEALTH)
                .setKind(ObservationKind.INCIDENT).setIncidentId(id).setIncidentName("Increased API Error Rates")
                .setIncidentStatus(status).setIncidentImpact(IncidentImpact.MAJOR)
                .setUpdateBody("We are investigating increased error rates for EC2 APIs in the US-EAST-1 Region.")
                .setEventTime(t).setObservedAt(t).build();
    }

    public static StatusPageObservation component(String page, String name, ComponentStatus status, Instant t) {
        return StatusPageObservation.newBuilder().setObservationId(page + ":" + name + ":" + t.toEpochMilli()).setPageId(page)
                .setPageUrl("https://status." + page + ".com").setFormat(StatusPageFormat.STATUSPAGE_V2)
                .setKind(ObservationKind.COMPONENT).setComponentName(name).setComponentStatus(status)
                .setEventTime(t).setObservedAt(t).build();
    }

    public static SocialPost post(String id, String text, Instant t) {
        return SocialPost.newBuilder().setPostId("x:" + id).setPlatform(SocialPlatform.X).setText(text).setLang("en")
                .setAuthorId("author-" + id).setEventTime(t).setObservedAt(t).build();
    }

    /** One record with its record time. */
    public record Timed(SpecificRecord value, Instant time) {
    }

    /**
     * The outage, in event-time order: probes of every service each minute from six vantages
     * (the us-east-1 services failing inside the outage window), the AWS post, a few user posts.
     */
    public static List<Timed> outage(int minutes) {
        List<Timed> out = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            Instant round = T0.plus(Duration.ofMinutes(m));
            for (String s : concat(AFFECTED, UNAFFECTED)) {
                for (int v = 0; v < VANTAGES; v++) {
                    Instant t = round.plusSeconds(v * 7L);
                    boolean failing = AFFECTED.contains(s) && !t.isBefore(OUTAGE_START) && t.isBefore(OUTAGE_END);
                    out.add(new Timed(probe(s, v, t, !failing), t));
                }
            }
            Instant half = round.plusSeconds(50);
            if (round.equals(AWS_POST)) {
                out.add(new Timed(awsIncident("ec2-1207", round.plusSeconds(45), IncidentStatus.INVESTIGATING), round.plusSeconds(45)));
            }
            if (round.equals(AWS_RESOLVED)) {
                out.add(new Timed(awsIncident("ec2-1207", round.plusSeconds(45), IncidentStatus.RESOLVED), round.plusSeconds(45)));
            }
            if (!half.isBefore(OUTAGE_START) && half.isBefore(OUTAGE_END) && m % 5 == 0) {
                out.add(new Timed(post("p" + m, "is coinbase down for anyone else?", half), half));
                out.add(new Timed(post("q" + m, "Coinbase down 4% today, bearish", half), half));
            }
        }
        return out;
    }

    /** Swaps neighbours in a fixed pattern so records arrive a little out of order (by up to ~20 s). */
    public static List<Timed> shuffledLocally(List<Timed> in) {
        List<Timed> out = new ArrayList<>(in);
        for (int i = 0; i + 3 < out.size(); i += 5) {
            Timed a = out.get(i);
            out.set(i, out.get(i + 3));
            out.set(i + 3, a);
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
