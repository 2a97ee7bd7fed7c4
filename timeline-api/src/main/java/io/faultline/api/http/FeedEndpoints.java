package io.faultline.api.http;

import java.time.Clock;

import io.faultline.api.live.LiveStore;
import io.faultline.api.model.IncidentDetail;
import io.javalin.http.Context;

/**
 * Feeds status aggregators' users expect: the incidents as Atom, and a status badge per provider or
 * service. Both read the live view (open incidents and recently resolved ones, latest health).
 */
final class FeedEndpoints {

    private final LiveStore live;
    private final Clock clock;

    FeedEndpoints(LiveStore live, Clock clock) {
        this.live = live;
        this.clock = clock;
    }

    void atom(Context ctx) {
        String base = ctx.scheme() + "://" + ctx.host();
        ctx.contentType(AtomFeed.CONTENT_TYPE).result(AtomFeed.render(
                live.incidents(true).stream().map(IncidentDetail::incident).toList(), base, clock.instant()));
    }

    void badge(Context ctx) {
        String id = ctx.pathParam("id");
        var status = Badge.status(live, id);
        if (status.isEmpty()) {
            ctx.status(404).json(ApiError.of("not_found", "no provider or service '" + id + "' in the live view"));
            return;
        }
        ctx.header("Cache-Control", "max-age=30");
        ctx.contentType(Badge.CONTENT_TYPE).result(Badge.svg(id, status.get()));
    }
}
