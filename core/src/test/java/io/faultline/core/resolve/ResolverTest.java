package io.faultline.core.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.signal.Signal;
import io.faultline.core.signal.SignalSource;
import org.junit.jupiter.api.Test;

class ResolverTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:35:00Z");
    final Resolver resolver = new Resolver(ResolverFixture.index());

    static StatusObservation component(String page, String name, String status) {
        return new StatusObservation(page + ":" + name + ":" + T0, page, "https://status.example", "COMPONENT", null, name, null,
                status, null, null, null, null, null, List.of(), T0, T0);
    }

    static SocialObservation post(String text, String lang, List<String> cashtags, List<String> mentions) {
        return new SocialObservation("x:" + text.hashCode(), "X", text, lang, "author-1", List.of(), cashtags, mentions, T0, T0);
    }

    @Test
    void statusComponentNamesResolveToTheProvidersRegion() {
        List<Signal> ec2 = resolver.resolve(component("aws", "EC2 (N. Virginia)", "MAJOR_OUTAGE"));
        assertThat(ec2).singleElement().satisfies(s -> {
            assertThat(s.entityId()).isEqualTo("aws/us-east-1");
            assertThat(s.source()).isEqualTo(SignalSource.STATUS_PAGE);
            assertThat(s.observed()).isEqualTo(HealthLevel.DOWN);
            assertThat(s.region()).isEqualTo("us-east-1");
        });
        assertThat(resolver.resolve(component("aws", "us-east-1", "PARTIAL_OUTAGE"))).extracting(Signal::entityId)
                .containsExactly("aws/us-east-1");
        assertThat(resolver.resolve(component("aws", "Amazon CloudFront", "DEGRADED_PERFORMANCE"))).extracting(Signal::entityId)
                .containsExactly("aws");
        assertThat(resolver.resolve(component("coinbase", "API", "MAJOR_OUTAGE"))).extracting(Signal::entityId)
                .containsExactly("coinbase");
        assertThat(resolver.resolve(component("unknown-page", "API", "MAJOR_OUTAGE"))).isEmpty();
    }

    @Test
    void incidentTextNamesTheRegionAndAResolvedIncidentIsAnAllClear() {
        StatusObservation open = new StatusObservation("aws:i1:1", "aws", "https://health.aws.amazon.com", "INCIDENT", null, null, null,
                null, "i1", "Increased API Error Rates", "INVESTIGATING", "MAJOR",
                "We are investigating increased error rates in the US-EAST-1 Region.", List.of(), T0, T0);
        assertThat(resolver.resolve(open)).singleElement().satisfies(s -> {
            assertThat(s.entityId()).isEqualTo("aws/us-east-1");
            assertThat(s.observed()).isEqualTo(HealthLevel.DEGRADED);
            assertThat(s.vantage()).isEqualTo("incident:i1");
        });
        StatusObservation resolved = new StatusObservation("aws:i1:2", "aws", "https://health.aws.amazon.com", "INCIDENT", null, null, null,
                null, "i1", "Increased API Error Rates", "RESOLVED", "MAJOR", "Resolved in US-EAST-1.", List.of(), T0, T0);
        assertThat(resolver.resolve(resolved)).singleElement().extracting(Signal::observed).isEqualTo(HealthLevel.UP);
    }

    @Test
    void outagePostsMatchByKeywordHandleAndLanguage() {
        assertThat(resolver.resolve(post("is coinbase down for anyone else?", "en", List.of(), List.of())))
                .extracting(Signal::entityId).containsExactly("coinbase");
        assertThat(resolver.resolve(post("@CoinbaseSupport the app is not working", "en", List.of(), List.of("CoinbaseSupport"))))
                .extracting(Signal::entityId).containsExactly("coinbase");
        assertThat(resolver.resolve(post("Netflix no funciona desde hace una hora", "es", List.of(), List.of())))
                .extracting(Signal::entityId).containsExactly("netflix");
        assertThat(resolver.resolve(post("Netflix funktioniert nicht", "de", List.of(), List.of())))
                .extracting(Signal::entityId).containsExactly("netflix");
        assertThat(resolver.resolve(post("netflix fora do ar??", "pt", List.of(), List.of())))
                .extracting(Signal::entityId).containsExactly("netflix");
        assertThat(resolver.resolve(post("Netflix落ちてる", "ja", List.of(), List.of())))
                .extracting(Signal::entityId).containsExactly("netflix");
    }

    @Test
    void falseFriendsAreNotOutageReports() {
        // price talk: "down" with a percentage, a ticker alone, or market words
        assertThat(resolver.resolve(post("Coinbase is down 8% today after earnings", "en", List.of(), List.of()))).isEmpty();
        assertThat(resolver.resolve(post("$COIN dumping hard, down again", "en", List.of("COIN"), List.of()))).isEmpty();
        assertThat(resolver.resolve(post("bought more Coinbase shares, stock looks bullish", "en", List.of(), List.of()))).isEmpty();
        // mentions without any outage cue
        assertThat(resolver.resolve(post("watching netflix tonight", "en", List.of(), List.of()))).isEmpty();
        // a word containing the keyword is not the keyword
        assertThat(resolver.resolve(post("netflixandchill is down bad", "en", List.of(), List.of()))).isEmpty();
        // but a ticker with an unambiguous cue still counts
        assertThat(resolver.resolve(post("$COIN app not working, can't log in", "en", List.of("COIN"), List.of())))
                .extracting(Signal::entityId).containsExactly("coinbase");
    }

    @Test
    void probesResolveToTheTargetAndToTheVantageNetwork() {
        ProbeObservation byId = new ProbeObservation("r1", "coinbase", "https://www.coinbase.com", "replay-fra", 7922L, "US",
                false, "TIMEOUT", T0, T0);
        assertThat(resolver.resolve(byId)).extracting(Signal::entityId, Signal::observed, Signal::vantage).containsExactly(
                org.assertj.core.groups.Tuple.tuple("coinbase", HealthLevel.DOWN, "replay-fra"),
                org.assertj.core.groups.Tuple.tuple("as7922", HealthLevel.DOWN, "coinbase"));
        ProbeObservation byHost = new ProbeObservation("r2", "api.coinbase.com", "https://api.coinbase.com/v2/time", "replay-nyc",
                null, null, true, "NONE", T0, T0);
        assertThat(resolver.resolve(byHost)).extracting(Signal::entityId).containsExactly("coinbase");
        ProbeObservation unknown = new ProbeObservation("r3", "example.org", "https://example.org", "replay-nyc", null, null,
                false, "TIMEOUT", T0, T0);
        assertThat(resolver.resolve(unknown)).isEmpty();
    }

    @Test
    void disconnectionsResolveToNetworkOrganisationAndCountry() {
        ConnectionObservation c = new ConnectionObservation("atlas:1:disconnect:" + T0, 1, true, 7922L, "US", null, null, null, T0, T0);
        assertThat(resolver.resolve(c)).extracting(Signal::entityId).containsExactly("as7922", "comcast", "country/us");
        ConnectionObservation unknownAsn = new ConnectionObservation("atlas:2:disconnect:" + T0, 2, true, 3320L, "DE", null, null, null, T0, T0);
        assertThat(resolver.resolve(unknownAsn)).extracting(Signal::entityId).containsExactly("as3320");
    }
}
