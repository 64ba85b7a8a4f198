package geo.api;

import geo.api.lookup.Failure;
import geo.common.http.Refusal;

/** Everything geo-api can answer with an error, as one closed set: {@link ApiErrors} words each. */
sealed interface Problem {

    /** A look-up found no location. */
    record Lookup(Failure failure) implements Problem {
    }

    /**
     * The pipeline refused the request before or instead of its route.
     *
     * @param routes what this port answers, for the client who asked for a path it has not
     */
    record Refused(Refusal refusal, String routes) implements Problem {
    }

    /** A name in {@code ?fields=}, {@code ?excludes=} or {@code /<ip>/<field>} that is not a field. */
    record UnknownField(String parameter, String name) implements Problem, ParsedSelection, ParsedQuery {
    }

    /** A {@code ?lang=} that is not one of ipgeolocation.io's languages. */
    record UnknownLanguage(String asked) implements Problem, ParsedQuery {
    }

    /** The location exists but has no such field (the offline database has no {@code isp}, say). */
    record NoSuchField(String field) implements Problem {
    }

    /** A {@code POST /bulk} body that broke off or whose chunked framing is broken. */
    record BodyUnreadable() implements Problem {
    }

    /** A {@code POST /bulk} body that is not JSON. */
    record BodyNotJson() implements Problem {
    }

    /** A {@code POST /bulk} body that is JSON, but not {@code {"ips": [...]}} with strings in it. */
    record BodyNotAddressList() implements Problem {
    }

    /** A {@code POST /bulk} body over its limit. */
    record BodyTooLarge(int maxBytes) implements Problem {
    }

    /** A {@code POST /bulk} with more addresses than {@code BULK_MAX}. */
    record TooManyAddresses(int max, int asked) implements Problem {
    }

    /** This replica is stopping and takes no new work. */
    record Stopping() implements Problem {
    }
}
