package io.faultline.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which incidents a subscriber hears about.
 *
 * @param stack         catalog ids of the subscriber's own services or components (domains already resolved);
 *                      empty = every incident
 * @param providers     provider ids the cause must belong to; empty = any
 * @param regions       region codes the cause or a member must be in; empty = any
 * @param minState      SUSPECTED (alert on suspicion) or CONFIRMED
 * @param minConfidence lowest cause confidence, 0..1
 */
public record SubscriptionFilter(Set<String> stack, Set<String> providers, Set<String> regions, String minState,
                                 double minConfidence) {

    public SubscriptionFilter {
        stack = Set.copyOf(stack);
        providers = Set.copyOf(providers);
        regions = Set.copyOf(regions);
    }

    public static SubscriptionFilter everything() {
        return new SubscriptionFilter(Set.of(), Set.of(), Set.of(), IncidentView.SUSPECTED, 0.0);
    }

    /** Whether an alert should open for this revision. */
    public boolean matches(IncidentView v) {
        if (v.resolved() || !(IncidentView.SUSPECTED.equals(v.state()) || IncidentView.CONFIRMED.equals(v.state()))) {
            return false;
        }
        if (IncidentView.CONFIRMED.equals(minState) && !IncidentView.CONFIRMED.equals(v.state())) {
            return false;
        }
        if (v.confidence() < minConfidence) {
            return false;
        }
        if (!providers.isEmpty() && !providers.contains(v.provider())) {
            return false;
        }
        if (!regions.isEmpty() && !regions.contains(v.region())
                && v.members().stream().noneMatch(m -> m.region() != null && regions.contains(m.region()))) {
            return false;
        }
        return touchesStack(v);
    }

    private boolean touchesStack(IncidentView v) {
        if (stack.isEmpty()) {
            return true;
        }
        if (v.causeId() != null && (stack.contains(v.causeId()) || stack.contains(v.provider()))) {
            return true;
        }
        return v.members().stream().anyMatch(m -> m.impaired() && stack.contains(m.id()));
    }

    /** The subscriber's own impaired services, or every impaired member without a stack. */
    public List<IncidentView.Member> affected(IncidentView v) {
        return v.members().stream().filter(m -> m.impaired() && (stack.isEmpty() || stack.contains(m.id()))).toList();
    }

    /** All members, the subscriber's own first (each group in the incident's order). */
    public List<IncidentView.Member> ordered(IncidentView v) {
        List<IncidentView.Member> out = new ArrayList<>(v.members().size());
        v.members().stream().filter(m -> stack.contains(m.id())).forEach(out::add);
        v.members().stream().filter(m -> !stack.contains(m.id())).forEach(out::add);
        return out;
    }
}
