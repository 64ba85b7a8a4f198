package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;

/** What geo-api said about an address, as far as the page is concerned. */
sealed interface ApiAnswer {

    /** A location: the JSON object geo-api answered. */
    record Located(JsonNode location) implements ApiAnswer {
    }

    /** geo-api answered with one of its JSON errors. */
    record Refused(int status, String message, String retryAfter) implements ApiAnswer {
    }

    /** geo-api could not be reached, did not answer in time, or answered something that is not geo-api's. */
    record Unavailable(int status, String message) implements ApiAnswer {
    }
}
