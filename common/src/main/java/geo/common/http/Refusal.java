package geo.common.http;

import java.time.Duration;
import java.util.List;

/** A request that the pipeline refuses before or instead of a route's answer: the closed set every service words. */
public sealed interface Refusal extends Reply {

    /** The request's framing is not exactly valid HTTP/1.1 (see {@link MessageFraming}); no route runs. */
    record BadFraming(String reason) implements Refusal {
    }

    /** No route has this path. */
    record NoSuchRoute() implements Refusal {
    }

    /** Routes have this path, but none for the request's method; {@code allowed} are theirs (HEAD with GET). */
    record MethodNotAllowed(List<String> allowed) implements Refusal {
        public MethodNotAllowed {
            allowed = List.copyOf(allowed);
        }
    }

    /** The request has a body, which its route does not take. */
    record BodyNotAccepted() implements Refusal {
    }

    /** The client asked more than {@code perMinute} times in a minute; it may ask again after {@code retryAfter}. */
    record TooManyRequests(Duration retryAfter, int perMinute) implements Refusal {
        /** Whole seconds, at least one, as {@code Retry-After} says it. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** Something failed that should not have: logged once where it happened, answered with no detail. */
    record Unexpected() implements Refusal {
    }
}
