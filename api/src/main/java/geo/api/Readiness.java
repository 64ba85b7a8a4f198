package geo.api;

import geo.common.json.Json;
import geo.common.redis.Redis;
import geo.common.http.Response;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@code GET /ready} says. geo-api only starts serving once its configuration is loaded, its key read and its
 * offline database open, so a serving replica is ready; it stops being ready when it is told to stop. A Redis that
 * is down does not make it unready, since it answers without the cache. The public answer says only that, in words
 * that name no internal host; the admin port's adds where answers come from, the cache and Redis's state.
 */
final class Readiness {

    private static final Response STOPPING = ApiErrors.answer(new Problem.Stopping());
    private static final Response READY = Response.of(200, Response.JSON, "{\"status\":\"READY\"}")
            .withHeader("Cache-Control", "no-store");

    private record Ready(String status, String source, String cache, String redis) {
    }

    private final String source;
    private final String cache;
    private final Optional<Redis> redis;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * @param source where answers come from
     * @param cache  the answers' cache, described
     * @param redis  Redis, when configured (for the cache or the rate limit)
     */
    Readiness(String source, String cache, Optional<Redis> redis) {
        this.source = source;
        this.cache = cache;
        this.redis = redis;
    }

    void stopping() {
        stopping.set(true);
    }

    /** For anyone: ready or not, and why not. */
    Response answer() {
        return stopping.get() ? STOPPING : READY;
    }

    /** For the admin port: the same, with where answers come from, the cache, and whether Redis is up. */
    Response details() {
        if (stopping.get()) {
            return STOPPING;
        }
        String redisState = redis.map(r -> r.isDown() ? "down (answers go on without it)" : "up").orElse("not used");
        return Response.of(200, Response.JSON, Json.write(new Ready("READY", source, cache, redisState)));
    }
}
