package io.faultline.api.http;

import io.faultline.api.live.LiveStore;
import io.javalin.http.Context;

/**
 * Handlers of the live endpoints: current state from the {@link LiveStore}, no history store
 * needed. The list answers are served from a {@link JsonCache} keyed by the store's version.
 */
final class LiveEndpoints {

    private final LiveStore live;
    private final JsonCache cache;

    LiveEndpoints(LiveStore live, JsonCache cache) {
        this.live = live;
        this.cache = cache;
    }

    void serviceHealth(Context ctx) {
        String id = Params.pathId(ctx, "id");
        live.health(id).ifPresentOrElse(ctx::json,
                () -> ctx.status(404).json(ApiError.of("not_found", "no health reported for service " + id)));
    }

    void notUp(Context ctx) throws Exception {
        json(ctx, cache.get("notUp", live.healthVersion(), live::notUp));
    }

    void incidents(Context ctx) throws Exception {
        boolean includeResolved = Params.bool(ctx, "includeResolved");
        json(ctx, cache.get("incidents:" + includeResolved, live.incidentsVersion(), () -> live.incidents(includeResolved)));
    }

    private static void json(Context ctx, byte[] body) {
        ctx.contentType("application/json").result(body);
    }
}
