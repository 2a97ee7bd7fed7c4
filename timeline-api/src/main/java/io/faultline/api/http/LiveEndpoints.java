package io.faultline.api.http;

import io.faultline.api.live.LiveStore;
import io.javalin.http.Context;

/** Handlers of the live endpoints: current state from the {@link LiveStore}, no history store needed. */
final class LiveEndpoints {

    private final LiveStore live;

    LiveEndpoints(LiveStore live) {
        this.live = live;
    }

    void serviceHealth(Context ctx) {
        String id = Params.pathId(ctx, "id");
        live.health(id).ifPresentOrElse(ctx::json,
                () -> ctx.status(404).json(ApiError.of("not_found", "no health reported for service " + id)));
    }

    void notUp(Context ctx) {
        ctx.json(live.notUp());
    }

    void incidents(Context ctx) {
        ctx.json(live.incidents(Params.bool(ctx, "includeResolved")));
    }
}
