package geo.api.lookup;

import geo.common.net.IpAddress;
import java.time.Duration;

/**
 * Why an address has no answer. Its words for a client are {@link #message()}; its HTTP status is geo-api's edge's
 * business ({@code ApiErrors}).
 */
public sealed interface Failure extends Outcome {

    /** The text is not an address, or the provider says so. */
    record InvalidAddress(String detail) implements Failure {
        public static InvalidAddress of(String input) {
            return new InvalidAddress(IpAddress.notAnAddress(input));
        }
    }

    /** A private, loopback, documentation or other special-purpose address: no provider could know it. */
    record NotPublic(IpAddress address, String reason) implements Failure {
    }

    /** The provider has no data for this public address. */
    record NotFound(IpAddress address) implements Failure {
    }

    /** The provider refused geo-api's API key; only the operator can fix this. */
    record KeyRejected() implements Failure {
    }

    /** The provider's request quota is used up until {@code retryAfter} has passed. */
    record OverQuota(Duration retryAfter) implements Failure {
    }

    /** The provider did not answer in time. */
    record ProviderTimeout(Duration waited) implements Failure {
    }

    /** The provider could not be reached, or answered with an error or something that is not a location. */
    record ProviderFailed(String detail) implements Failure {
    }

    /** What went wrong, in a short sentence a client may read: it never holds the key or a stack trace. */
    default String message() {
        return switch (this) {
            case InvalidAddress invalid -> invalid.detail();
            case NotPublic notPublic -> notPublic.address() + " is " + notPublic.reason()
                    + ", not a public one: it has no location";
            case NotFound notFound -> "no location is known for " + notFound.address();
            case KeyRejected rejected ->
                    "the geolocation provider rejected geo-api's API key; the operator must check the key";
            case OverQuota overQuota -> "the geolocation provider's request quota is used up; try again later";
            case ProviderTimeout timeout -> "the geolocation provider did not answer within "
                    + timeout.waited().toMillis() + " ms";
            case ProviderFailed failed -> "the geolocation provider failed: " + failed.detail();
        };
    }
}
