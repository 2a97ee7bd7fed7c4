package io.faultline.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.faultline.notify.Views.T0;
import static io.faultline.notify.Views.down;
import static io.faultline.notify.Views.recovered;
import static io.faultline.notify.Views.revision;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

class AlertDeciderTest {

    static final String SUSPECTED = IncidentView.SUSPECTED;
    static final String CONFIRMED = IncidentView.CONFIRMED;
    static final String RESOLVED = IncidentView.RESOLVED;

    static Subscription subscription(SubscriptionFilter filter, Duration throttle) {
        return new Subscription("s1", ChannelKind.WEBHOOK, java.net.URI.create("http://127.0.0.1:1/"), "k", filter, throttle);
    }

    static SubscriptionFilter stack(String... ids) {
        return new SubscriptionFilter(Set.of(ids), Set.of(), Set.of(), SUSPECTED, 0.0);
    }

    private static List<AlertKind> kinds(AlertDecider d, IncidentView... revisions) {
        List<AlertKind> out = new ArrayList<>();
        for (IncidentView v : revisions) {
            d.decide(v).ifPresent(a -> out.add(a.kind()));
        }
        return out;
    }

    @Test
    void one_open_per_incident_then_updates_on_change_and_the_resolve_never_one_per_service() {
        AlertDecider d = new AlertDecider(subscription(SubscriptionFilter.everything(), Duration.ZERO));
        List<AlertKind> kinds = kinds(d,
                revision(1, SUSPECTED, "aws/us-east-1", 0.6, T0, down("coinbase"), down("venmo")),
                revision(2, SUSPECTED, "aws/us-east-1", 0.6, T0.plus(ofMinutes(1)), down("coinbase"), down("venmo"), down("slack")),
                revision(3, SUSPECTED, "aws/us-east-1", 0.7, T0.plus(ofMinutes(2)), down("coinbase"), down("venmo"), down("slack")),
                revision(4, CONFIRMED, "aws/us-east-1", 0.9, T0.plus(ofMinutes(3)), down("coinbase"), down("venmo"), down("slack")),
                revision(5, RESOLVED, "aws/us-east-1", 0.9, T0.plus(ofMinutes(60)), recovered("coinbase"), recovered("venmo"),
                        recovered("slack")));
        // rev 2: a service joined (affected changed); rev 3: confidence alone is no change; rev 4: state changed
        assertThat(kinds).containsExactly(AlertKind.OPEN, AlertKind.UPDATE, AlertKind.UPDATE, AlertKind.RESOLVE);
    }

    @Test
    void updates_are_throttled_in_incident_time_and_a_held_change_goes_out_with_the_next_revision_past_the_window() {
        AlertDecider d = new AlertDecider(subscription(SubscriptionFilter.everything(), ofMinutes(15)));
        assertThat(d.decide(revision(1, SUSPECTED, "aws/us-east-1", 0.6, T0, down("a")))).isPresent();
        assertThat(d.decide(revision(2, CONFIRMED, "aws/us-east-1", 0.9, T0.plus(ofMinutes(5)), down("a")))).isEmpty();
        assertThat(d.decide(revision(3, CONFIRMED, "aws/us-east-1", 0.9, T0.plus(ofMinutes(10)), down("a"), down("b")))).isEmpty();
        Optional<Alert> update = d.decide(revision(4, CONFIRMED, "aws/us-east-1", 0.9, T0.plus(ofMinutes(16)), down("a"), down("b")));
        assertThat(update).get().extracting(Alert::kind).isEqualTo(AlertKind.UPDATE);
        assertThat(update.get().previous().state()).isEqualTo(SUSPECTED);
        assertThat(update.get().affected()).extracting(IncidentView.Member::id).containsExactly("a", "b");
        // the resolve is never throttled
        assertThat(d.decide(revision(5, RESOLVED, "aws/us-east-1", 0.9, T0.plus(ofMinutes(17)), recovered("a"))))
                .get().extracting(Alert::kind).isEqualTo(AlertKind.RESOLVE);
    }

    @Test
    void only_incidents_touching_the_stack_alert_and_only_the_subscribers_services_count_as_change() {
        AlertDecider d = new AlertDecider(subscription(stack("venmo"), Duration.ZERO));
        assertThat(d.decide(revision(1, SUSPECTED, "aws/us-east-1", 0.6, T0, down("coinbase")))).isEmpty();
        Optional<Alert> open = d.decide(revision(2, SUSPECTED, "aws/us-east-1", 0.6, T0.plusSeconds(60), down("coinbase"), down("venmo")));
        assertThat(open).get().extracting(Alert::kind).isEqualTo(AlertKind.OPEN);
        assertThat(open.get().members()).extracting(IncidentView.Member::id).containsExactly("venmo", "coinbase");
        assertThat(open.get().affected()).extracting(IncidentView.Member::id).containsExactly("venmo");
        // another subscriber's service joining is not this subscriber's change
        assertThat(d.decide(revision(3, SUSPECTED, "aws/us-east-1", 0.6, T0.plusSeconds(120), down("coinbase"), down("venmo"),
                down("slack")))).isEmpty();
    }

    @Test
    void filters_on_provider_region_state_and_confidence() {
        SubscriptionFilter f = new SubscriptionFilter(Set.of(), Set.of("aws"), Set.of("us-east-1"), CONFIRMED, 0.8);
        assertThat(f.matches(revision(1, SUSPECTED, "aws/us-east-1", 0.9, T0, down("a")))).isFalse();
        assertThat(f.matches(revision(1, CONFIRMED, "aws/us-east-1", 0.7, T0, down("a")))).isFalse();
        assertThat(f.matches(revision(1, CONFIRMED, "gcp/us-east1", 0.9, T0,
                new IncidentView.Member("a", "A", "DOWN", "us-east1", true)))).isFalse();
        assertThat(f.matches(revision(1, CONFIRMED, "aws/eu-west-1", 0.9, T0,
                new IncidentView.Member("a", "A", "DOWN", "eu-west-1", true)))).isFalse();
        assertThat(f.matches(revision(1, CONFIRMED, "aws/us-east-1", 0.9, T0, down("a")))).isTrue();
    }

    @Test
    void a_resolved_incident_never_opened_alerts_nothing_and_old_revisions_are_ignored() {
        AlertDecider d = new AlertDecider(subscription(SubscriptionFilter.everything(), Duration.ZERO));
        assertThat(d.decide(revision(9, RESOLVED, "aws/us-east-1", 0.9, T0, recovered("a")))).isEmpty();
        AlertDecider e = new AlertDecider(subscription(SubscriptionFilter.everything(), Duration.ZERO));
        assertThat(e.decide(revision(2, SUSPECTED, "aws/us-east-1", 0.6, T0, down("a")))).isPresent();
        assertThat(e.decide(revision(1, CONFIRMED, "aws/us-east-1", 0.9, T0, down("a"), down("b")))).isEmpty();
    }

    @Test
    void restored_from_the_delivery_log_it_sends_nothing_already_acknowledged() {
        AlertDecider d = new AlertDecider(subscription(SubscriptionFilter.everything(), Duration.ZERO));
        d.restore("inc-1", 3, AlertKind.UPDATE, new Alert.Delivered("aws/us-east-1", CONFIRMED, Set.of("a", "b")),
                T0.plusSeconds(180));
        assertThat(d.decide(revision(3, CONFIRMED, "aws/us-east-1", 0.9, T0.plusSeconds(180), down("a"), down("b")))).isEmpty();
        assertThat(d.decide(revision(4, CONFIRMED, "aws/us-east-1", 0.9, T0.plusSeconds(240), down("a"), down("b")))).isEmpty();
        assertThat(d.decide(revision(5, RESOLVED, "aws/us-east-1", 0.9, T0.plusSeconds(300), recovered("a"))))
                .get().extracting(Alert::kind).isEqualTo(AlertKind.RESOLVE);
        assertThat(d.decide(revision(6, CONFIRMED, "aws/us-east-1", 0.9, T0.plusSeconds(360), down("a")))).isEmpty();
    }
}
