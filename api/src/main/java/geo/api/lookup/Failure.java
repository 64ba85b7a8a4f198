package geo.api.lookup;

import geo.common.net.IpAddress;
import java.time.Duration;

/** Why an address has no answer; each failure carries the HTTP status and the message a client sees. */
public sealed interface Failure extends Outcome {

    int status();

    String message();

    /** The text is not an address, or the provider says so. */
    record InvalidAddress(String detail) implements Failure {
        public static InvalidAddress of(String input) {
            return new InvalidAddress(IpAddress.notAnAddress(input));
        }

        @Override
        public int status() {
            return 400;
        }

        @Override
        public String message() {
            return detail;
        }
    }

    /** A private, loopback, documentation or other special-purpose address: no provider could know it. */
    record NotPublic(IpAddress address, String reason) implements Failure {
        @Override
        public int status() {
            return 422;
        }

        @Override
        public String message() {
            return address + " is " + reason + ", not a public one: it has no location";
        }
    }

    /** The provider has no data for this public address. */
    record NotFound(IpAddress address) implements Failure {
        @Override
        public int status() {
            return 404;
        }

        @Override
        public String message() {
            return "no location is known for " + address;
        }
    }

    /** The provider refused geo-api's API key; only the operator can fix this. */
    record KeyRejected() implements Failure {
        @Override
        public int status() {
            return 502;
        }

        @Override
        public String message() {
            return "the geolocation provider rejected geo-api's API key; the operator must check the key";
        }
    }

    /** The provider's request quota is used up until {@code retryAfter} has passed. */
    record OverQuota(Duration retryAfter) implements Failure {
        @Override
        public int status() {
            return 503;
        }

        @Override
        public String message() {
            return "the geolocation provider's request quota is used up; try again later";
        }
    }

    /** The provider did not answer in time. */
    record ProviderTimeout(Duration waited) implements Failure {
        @Override
        public int status() {
            return 504;
        }

        @Override
        public String message() {
            return "the geolocation provider did not answer within " + waited.toMillis() + " ms";
        }
    }

    /** The provider could not be reached, or answered with an error or something that is not a location. */
    record ProviderFailed(String detail) implements Failure {
        @Override
        public int status() {
            return 502;
        }

        @Override
        public String message() {
            return "the geolocation provider failed: " + detail;
        }
    }
}
