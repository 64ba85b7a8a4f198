package geo.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import geo.common.json.Json;
import geo.api.lookup.Failure;
import geo.api.lookup.Found;
import geo.api.lookup.Outcome;
import geo.api.lookup.Source;
import geo.common.http.Provenance;
import geo.common.http.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Turns lookup outcomes into geo-api's HTTP answers: the one place that knows their JSON and headers. */
final class ApiResponses {

    static final Response UP = Response.of(200, Response.JSON, "{\"status\":\"UP\"}")
            .withHeader("Cache-Control", "no-store");

    private final String hostName;
    private final byte[] hitSuffix;
    private final byte[] missSuffix;
    /** Cache-Control of a location from each source, for anyone and for the caller's own location. */
    private final Map<Source, String> publicCaching = new EnumMap<>(Source.class);
    private final Map<Source, String> privateCaching = new EnumMap<>(Source.class);
    /** Where a location came from, for the access log and the metrics: made once, not per answer. */
    private final Map<Source, Optional<Provenance>> fromCache = new EnumMap<>(Source.class);
    private final Map<Source, Optional<Provenance>> fromSource = new EnumMap<>(Source.class);

    /**
     * @param hostName the replica's name, sent as {@code apiServer} so that people can see which one answered
     * @param maxAge   how long clients may keep an answer from each source
     */
    ApiResponses(String hostName, Function<Source, Duration> maxAge) {
        this.hostName = hostName;
        this.hitSuffix = suffix(true, hostName);
        this.missSuffix = suffix(false, hostName);
        for (Source source : Source.values()) {
            long seconds = maxAge.apply(source).toSeconds();
            publicCaching.put(source, "public, max-age=" + seconds);
            privateCaching.put(source, "private, max-age=" + seconds);
            fromCache.put(source, Optional.of(new Provenance(true, source.label())));
            fromSource.put(source, Optional.of(new Provenance(false, source.label())));
        }
    }

    /** A location with its caching headers, or a failure; {@code forCaller} when it is the caller's own. */
    Response of(Outcome outcome, Query query, boolean forCaller) {
        FieldSelection selection = query.selection();
        return switch (outcome) {
            case Found found -> new Response(200,
                    locationHeaders(found, Response.JSON, query.key(), forCaller),
                    selection.isAll() ? spliced(found) : selected(found, selection), provenance(found));
            case Failure failure -> failure(failure);
        };
    }

    /** One field of a location as text, for the command line; 404 when this answer lacks it. */
    Response field(Outcome outcome, String field, Query query) {
        if (!(outcome instanceof Found found)) {
            return failure((Failure) outcome);
        }
        JsonNode value = withOwnFields(found).at("/" + field.replace(".", "/"));
        if (value.isMissingNode() || value.isNull()) {
            return ApiErrors.answer(new Problem.NoSuchField(field));
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        if (value.isBigDecimal()) {
            text = value.decimalValue().toPlainString();
        }
        return new Response(200, locationHeaders(found, Response.TEXT, "field=" + field + query.languageKey(), false),
                (text + "\n").getBytes(StandardCharsets.UTF_8), provenance(found));
    }

    /** A bulk answer: one element per address asked, in order, each a location or an error object. */
    Response bulk(List<String> asked, List<Outcome> outcomes, FieldSelection selection) {
        ArrayNode answer = Json.MAPPER.createArrayNode();
        Set<String> sources = new TreeSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            switch (outcomes.get(i)) {
                case Found found -> {
                    answer.add(selection.apply(withOwnFields(found)));
                    sources.add(found.source().label());
                }
                case Failure failure -> {
                    ApiErrors.Error error = ApiErrors.of(new Problem.Lookup(failure));
                    answer.addObject().put("ip", asked.get(i)).put("status", error.status())
                            .put("error", error.message());
                }
            }
        }
        try {
            Response response = Response.of(200, Response.JSON, Json.MAPPER.writeValueAsBytes(answer))
                    .withHeader("Cache-Control", "no-store");
            // Which sources answered, e.g. for the DB-IP attribution that its licence asks of a page showing them.
            return sources.isEmpty() ? response : response.withHeader("X-Source", String.join(", ", sources));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The headers of a location: where it came from, Cache-Control for as long as this replica caches the source's
     * answers, and a weak ETag of the location and the variant (a selection, a field). Weak, because two answers for
     * the same location differ in {@code cached} and {@code apiServer}; the location they carry is the same.
     */
    private Map<String, String> locationHeaders(Found found, String contentType, String variant, boolean forCaller) {
        String cache = found.cached() ? "HIT" : "MISS";
        String source = found.source().label();
        String etag = LocationTag.of(found, variant);
        // Built immutable, so that the response keeps it as is rather than copying it.
        Map<String, String> headers = forCaller
                // The caller's own location depends on who asks, which a proxy may say in this header.
                ? Map.of("Content-Type", contentType, "X-Cache", cache, "X-Source", source,
                        "Cache-Control", privateCaching.get(found.source()), "ETag", etag, "Vary", "X-Forwarded-For")
                : Map.of("Content-Type", contentType, "X-Cache", cache, "X-Source", source,
                        "Cache-Control", publicCaching.get(found.source()), "ETag", etag);
        return found.databaseDate().map(date -> withDatabaseDate(headers, date)).orElse(headers);
    }

    /** An answer of the offline database also says which day its file was built. */
    private static Map<String, String> withDatabaseDate(Map<String, String> headers, LocalDate date) {
        Map<String, String> dated = new HashMap<>(headers);
        dated.put("X-Database-Date", date.toString());
        return dated;
    }

    private byte[] selected(Found found, FieldSelection selection) {
        try {
            return Json.MAPPER.writeValueAsBytes(selection.apply(withOwnFields(found)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored location with {@code cached} and {@code apiServer}, as a tree. */
    private ObjectNode withOwnFields(Found found) {
        try {
            ObjectNode location = (ObjectNode) Json.MAPPER.readTree(found.bytes(), found.offset(),
                    found.length());
            return location.put("cached", found.cached()).put("apiServer", hostName);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a stored location is not a JSON object", e);
        }
    }

    /**
     * The stored JSON object with {@code cached} and {@code apiServer} spliced in before its closing brace, so that a
     * cache hit is served without parsing or re-serialising the location.
     */
    private byte[] spliced(Found found) {
        byte[] suffix = found.cached() ? hitSuffix : missSuffix;
        boolean empty = found.length() == 2;
        int keep = found.length() - 1;
        byte[] body = new byte[keep + suffix.length - (empty ? 1 : 0)];
        System.arraycopy(found.bytes(), found.offset(), body, 0, keep);
        // An empty object takes the fields without the separating comma.
        System.arraycopy(suffix, empty ? 1 : 0, body, keep, suffix.length - (empty ? 1 : 0));
        return body;
    }

    private Optional<Provenance> provenance(Found found) {
        return (found.cached() ? fromCache : fromSource).get(found.source());
    }

    private static Response failure(Failure failure) {
        return ApiErrors.answer(new Problem.Lookup(failure));
    }

    private static byte[] suffix(boolean cached, String hostName) {
        return (",\"cached\":" + cached + ",\"apiServer\":" + new String(Json.write(hostName), StandardCharsets.UTF_8)
                + "}").getBytes(StandardCharsets.UTF_8);
    }

}
