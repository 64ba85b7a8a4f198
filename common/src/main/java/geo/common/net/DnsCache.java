package geo.common.net;

import java.security.Security;
import java.time.Duration;

/**
 * Keeps the JVM's cache of DNS answers short. In Swarm the addresses of a service name change as tasks come and go
 * (with endpoint mode dnsrr, every task has its own), and the JVM's default of 30 seconds would keep sending requests
 * to a task that is gone.
 */
public final class DnsCache {

    public static final Duration ANSWER_TTL = Duration.ofSeconds(5);
    public static final Duration FAILURE_TTL = Duration.ofSeconds(1);

    private DnsCache() {
    }

    /** Must run before the first look-up, at the top of {@code main}. */
    public static void keepAnswersBriefly() {
        Security.setProperty("networkaddress.cache.ttl", Long.toString(ANSWER_TTL.toSeconds()));
        Security.setProperty("networkaddress.cache.negative.ttl", Long.toString(FAILURE_TTL.toSeconds()));
    }
}
