package geo.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import geo.api.database.DatabaseUpdater;
import geo.api.database.GeoDatabase;
import geo.common.json.Json;
import geo.common.redis.Redis;
import geo.common.http.Response;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What {@code GET /ready} says. geo-api only starts serving once its configuration is loaded, its key read and its
 * offline database open, so a serving replica is ready; it stops being ready when it is told to stop. A Redis that
 * is down does not make it unready, since it answers without the cache. The public answer says only that, in words
 * that name no internal host; the admin port's adds where answers come from, the cache, Redis's state, and each
 * database file in use with its last update.
 */
final class Readiness {

    private static final Response STOPPING = ApiErrors.answer(new Problem.Stopping());
    private static final Response READY = Response.of(200, Response.JSON, "{\"status\":\"READY\"}")
            .withHeader("Cache-Control", "no-store");

    private final String source;
    private final String cache;
    private final Optional<Redis> redis;
    private final Supplier<ArrayNode> databases;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * @param source    where answers come from
     * @param cache     the answers' cache, described
     * @param redis     Redis, when configured (for the cache or the rate limit)
     * @param databases the database files in use, described
     */
    Readiness(String source, String cache, Optional<Redis> redis, Supplier<ArrayNode> databases) {
        this.source = source;
        this.cache = cache;
        this.redis = redis;
        this.databases = databases;
    }

    /** Each database file: its name, kind, type, build time, origin, since when it is used, its last update. */
    static Supplier<ArrayNode> databases(Optional<GeoDatabase> database, Optional<DatabaseUpdater> updater) {
        return () -> {
            ArrayNode files = JsonNodeFactory.instance.arrayNode();
            database.ifPresent(open -> open.filesInUse().forEach(file -> {
                ObjectNode entry = files.addObject().put("file", file.name()).put("kind", file.kind())
                        .put("type", file.type());
                file.built().ifPresent(built -> entry.put("built", built.toString()));
                entry.put("from", file.from()).put("since", file.since().toString());
                updater.flatMap(running -> running.lastAttempt(file.name())).ifPresent(attempt ->
                        entry.putObject("last_update").put("at", attempt.at().toString())
                                .put("result", attempt.result().label()).put("detail", attempt.detail()));
            }));
            return files;
        };
    }

    void stopping() {
        stopping.set(true);
    }

    /** For anyone: ready or not, and why not. */
    Response answer() {
        return stopping.get() ? STOPPING : READY;
    }

    /** For the admin port: the same, with where answers come from, the cache, Redis and the databases. */
    Response details() {
        if (stopping.get()) {
            return STOPPING;
        }
        String redisState = redis.map(r -> r.isDown() ? "down (answers go on without it)" : "up").orElse("not used");
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("status", "READY").put("source", source)
                .put("cache", cache).put("redis", redisState);
        ArrayNode files = databases.get();
        if (!files.isEmpty()) {
            details.set("databases", files);
        }
        return Response.of(200, Response.JSON, Json.write(details)).withHeader("Cache-Control", "no-store");
    }
}
