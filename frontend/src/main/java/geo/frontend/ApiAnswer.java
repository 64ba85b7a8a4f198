package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import geo.common.net.IpAddress;
import java.util.List;
import java.util.Optional;

/** What geo-api said about an address, as far as the page is concerned. */
sealed interface ApiAnswer {

    /**
     * A location: the JSON object geo-api answered, that answer as geo-api wrote it, and where geo-api took it from
     * (its {@code X-Source}).
     */
    record Located(JsonNode location, String json, String source) implements ApiAnswer {

        /** DB-IP's licence (CC BY 4.0) asks every page that shows its data to link to it. */
        boolean needsDbipAttribution() {
            return source.equals("dbip-lite");
        }
    }

    /**
     * Several answers from {@code POST /bulk}: a JSON array with a location or an error object per address, that
     * array as geo-api wrote it, and the sources it used (its {@code X-Source}, comma-separated).
     */
    record LocatedMany(JsonNode answers, String json, String sources) implements ApiAnswer {

        boolean needsDbipAttribution() {
            return sources.contains("dbip-lite");
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

    /** geo-api answered with one of its JSON errors. */
    record Refused(int status, String message, String retryAfter) implements ApiAnswer {
    }

    /** geo-api could not be reached, did not answer in time, or answered something that is not geo-api's. */
    record Unavailable(int status, String message) implements ApiAnswer {
    }
}
