package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import geo.common.net.IpAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What geo-api said, as far as the page is concerned: to a look-up of one address ({@link One}) or of several
 * ({@link Many}). Each question has only the answers it can get: a look-up of one never gets a list.
 */
sealed interface ApiAnswer {

    /** geo-api's answer to a look-up of one address. */
    sealed interface One extends ApiAnswer permits Located, Refused, Unavailable {
    }

    /** geo-api's answer to a look-up of several addresses. */
    sealed interface Many extends ApiAnswer permits LocatedMany, Refused, Unavailable {
    }

    /** DB-IP's licence (CC BY 4.0) asks every page that shows its data to link to it. */
    String DBIP = "dbip-lite";

    /**
     * A location: the JSON object geo-api answered, that answer as geo-api wrote it, and where geo-api took it from
     * (its {@code X-Source}).
     */
    record Located(JsonNode location, String json, String source) implements One {

        boolean needsDbipAttribution() {
            return source.equals(DBIP);
        }
    }

    /**
     * Several answers from {@code POST /bulk}: a JSON array with a location or an error object per address, that
     * array as geo-api wrote it, and the sources it used (its {@code X-Source}, comma-separated).
     */
    record LocatedMany(JsonNode answers, String json, String sources) implements Many {

        boolean needsDbipAttribution() {
            return List.of(sources.split(",\\s*")).contains(DBIP);
        }

        /**
         * These answers, for the addresses among {@code typed} that parsed, with the others put back in their places
         * as the error object geo-api would have answered for them.
         */
        LocatedMany withRefusals(List<String> typed, List<Optional<IpAddress>> parsed) {
            ArrayNode all = JsonNodeFactory.instance.arrayNode(typed.size());
            int next = 0;
            for (int i = 0; i < typed.size(); i++) {
                if (parsed.get(i).isEmpty()) {
                    all.addObject().put("ip", typed.get(i)).put("error", IpAddress.notAnAddress(typed.get(i)));
                } else if (next < answers.size()) {
                    all.add(answers.get(next++));
                } else {
                    all.addObject().put("ip", typed.get(i)).put("error", "no answer");
                }
            }
            return new LocatedMany(all, json, sources);
        }
    }

    /** geo-api answered with one of its JSON errors; {@code retryAfter} when it said when to ask again. */
    record Refused(int status, String message, Optional<Duration> retryAfter) implements One, Many {
    }

    /** geo-api could not be reached, did not answer in time, or answered something that is not geo-api's. */
    record Unavailable(int status, String message) implements One, Many {
    }
}
