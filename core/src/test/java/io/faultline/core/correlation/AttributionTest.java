package io.faultline.core.correlation;

import static io.faultline.core.testing.Scenario.T0;
import static io.faultline.core.testing.TestCatalog.cloud;
import static io.faultline.core.testing.TestCatalog.serviceIn;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.testing.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributionTest {

    @Test
    void oneRegionDownBlamesTheRegionNotTheProvider() {
        Scenario scenario = new Scenario(cloud())
                .down(T0.plus(ofSeconds(10)), "use1-1", "use1-2")
                .down(T0.plus(ofSeconds(40)), "use1-3", "use1-4")
                .runUntil(T0.plus(ofMinutes(3)));

        Incident incident = onlyIncident(scenario);
        assertThat(incident.cause().componentId()).isEqualTo("aws/us-east-1");
        assertThat(incident.cause().impaired()).isEqualTo(4);
        assertThat(incident.cause().total()).isEqualTo(10);
        assertThat(incident.members()).extracting(IncidentMember::serviceId)
                .containsExactly("use1-1", "use1-2", "use1-3", "use1-4");
        assertThat(incident.cause().alternatives()).extracting(Attribution::componentId).containsExactly("aws");
        assertThat(incident.cause().reasons()).anyMatch(reason -> reason.startsWith("more specific than aws"));
        assertThat(incident.cause().confidence()).isGreaterThan(0.8)
                .isGreaterThan(incident.cause().alternatives().get(0).confidence());
        assertThat(incident.openedAt()).isEqualTo(T0.plus(ofMinutes(1)));
        assertThat(incident.firstImpairedAt()).isEqualTo(T0.plus(ofSeconds(10)));
        assertThat(incident.id()).startsWith("aws-us-east-1-20211207T153100Z-");
    }

    @Test
    void twoRegionsDownAtOnceBlameTheProvider() {
        Scenario scenario = new Scenario(cloud())
                .down(T0.plus(ofSeconds(10)), "use1-1", "use1-2", "use1-3", "use1-4")
                .down(T0.plus(ofSeconds(20)), "usw2-1", "usw2-2", "usw2-3", "usw2-4")
                .runUntil(T0.plus(ofMinutes(2)));

        Incident incident = onlyIncident(scenario);
        assertThat(incident.cause().componentId()).isEqualTo("aws");
        assertThat(incident.members()).hasSize(8);
        assertThat(incident.cause().reasons())
                .anyMatch(reason -> reason.contains("span 2 of its parts (aws/us-east-1, aws/us-west-2)"));
    }

    @Test
    void cdnUnderACloudIsBlamedWhenOnlyItsDependentsFail() {
        Scenario scenario = new Scenario(cloud())
                .down(T0.plus(ofSeconds(5)), "cf-1", "cf-2", "cf-3", "cf-4")
                .runUntil(T0.plus(ofMinutes(2)));

        Incident incident = onlyIncident(scenario);
        assertThat(incident.cause().componentId()).isEqualTo("cloudfront");
        assertThat(incident.cause().alternatives()).extracting(Attribution::componentId).containsExactly("aws");
    }

    @Test
    void loneServiceFailingOpensNothing() {
        Scenario scenario = new Scenario(cloud())
                .down(T0.plus(ofSeconds(5)), "use1-1")
                .runUntil(T0.plus(ofMinutes(30)));

        assertThat(scenario.revisions()).isEmpty();
        assertThat(scenario.engine().component("aws/us-east-1").orElseThrow().impaired()).isEqualTo(1);
    }

    @Test
    void twoServicesAreBelowTheMinimumEvenWhenHighlySignificant() {
        Scenario scenario = new Scenario(cloud())
                .down(T0.plus(ofSeconds(5)), "cf-1", "cf-2")
                .status(T0, "cloudfront", true)
                .runUntil(T0.plus(ofMinutes(10)));

        assertThat(scenario.revisions()).isEmpty();
    }

    @Test
    void regionGateKeepsOtherRegionsReportsAwayFromARegion() {
        // multi-1..4 run in both us-east-1 and eu-west-1; their reports name eu-west-1
        Scenario scenario = new Scenario(cloud())
                .downIn(T0.plus(ofSeconds(5)), "eu-west-1", "multi-1", "multi-2", "multi-3", "multi-4")
                .runUntil(T0.plus(ofMinutes(2)));

        assertThat(onlyIncident(scenario).cause().componentId()).isEqualTo("aws/eu-west-1");
        assertThat(scenario.engine().component("aws/us-east-1").orElseThrow().impaired()).isZero();
        assertThat(scenario.engine().component("aws/eu-west-1").orElseThrow().impaired()).isEqualTo(4);
        assertThat(scenario.engine().component("aws").orElseThrow().impaired()).isEqualTo(4);
    }

    @Test
    void regionGateWorksTheOtherWayRound() {
        Scenario scenario = new Scenario(cloud())
                .downIn(T0.plus(ofSeconds(5)), "us-east-1", "multi-1", "multi-2", "multi-3", "multi-4")
                .runUntil(T0.plus(ofMinutes(2)));

        Incident incident = onlyIncident(scenario);
        assertThat(incident.cause().componentId()).isEqualTo("aws/us-east-1");
        assertThat(incident.members()).allSatisfy(member -> assertThat(member.region()).isEqualTo("us-east-1"));
        assertThat(incident.cause().alternatives()).extracting(Attribution::componentId).doesNotContain("aws/eu-west-1");
    }

    @Test
    void unknownSharedCauseReportsWhatTheServicesHaveInCommon() {
        Scenario scenario = new Scenario(cloud(
                serviceIn("upbit", "KR", "crypto-exchange", "aws/us-east-1"),
                serviceIn("bithumb", "KR", "crypto-exchange", "gcp/us-central1"),
                serviceIn("korbit", "KR", "crypto-exchange", "cloudfront"),
                serviceIn("coinone", "KR", "crypto-exchange", "gcp/us-central1")))
                .down(T0.plus(ofSeconds(5)), "upbit", "bithumb", "korbit", "coinone")
                .runUntil(T0.plus(ofMinutes(2)));

        Incident incident = onlyIncident(scenario);
        assertThat(incident.cause().componentId()).isNull();
        assertThat(incident.cause().isUnknownCause()).isTrue();
        assertThat(incident.title()).startsWith("Unknown shared cause: 4 services");
        assertThat(incident.commonAttributes())
                .containsExactlyInAnyOrderEntriesOf(Map.of("country", "KR", "category", "crypto-exchange"));
        assertThat(incident.cause().reasons()).anyMatch(reason -> reason.contains("share no significant catalog component"));
        assertThat(incident.id()).startsWith("unknown-20211207T153100Z-");
    }

    @Test
    void scatteredBackgroundFailuresAreNotAnUnknownCause() {
        Scenario scenario = new Scenario(cloud())
                .down(T0.plus(ofSeconds(5)), "use1-1", "gcp-1")
                .down(T0.plus(ofMinutes(20)), "cf-1")
                .up(T0.plus(ofMinutes(2)), "use1-1", "gcp-1")
                .runUntil(T0.plus(ofMinutes(40)));

        assertThat(scenario.revisions()).isEmpty();
    }

    @Test
    void incidentIdDependsOnlyOnCauseAndOpeningTick() {
        Scenario first = new Scenario(cloud())
                .down(T0.plus(ofSeconds(10)), "use1-1", "use1-2", "use1-3", "use1-4")
                .runUntil(T0.plus(ofMinutes(2)));
        Scenario second = new Scenario(cloud())
                .down(T0.plus(ofSeconds(50)), "use1-4", "use1-3", "use1-2", "use1-1")
                .runUntil(T0.plus(ofMinutes(2)));

        assertThat(onlyIncident(second).id()).isEqualTo(onlyIncident(first).id());
    }

    static Incident onlyIncident(Scenario scenario) {
        assertThat(scenario.latest()).hasSize(1);
        return scenario.latest().values().iterator().next();
    }
}
