package geo.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.testing.TestNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostResolverTest {

    private static final Duration BOUND = Duration.ofMillis(200);

    @Test
    void aNameResolvesToAllItsAddresses() throws Exception {
        TestNames.define("two.geo-test", address("127.0.0.1"), address("127.0.0.2"));

        assertEquals(List.of(address("127.0.0.1"), address("127.0.0.2")),
                HostResolver.of("two.geo-test", BOUND).addresses());
    }

    @Test
    void aSlowNameNeverResolvedFailsWithinTheBound() {
        TestNames.define("slow-first.geo-test", address("127.0.0.1"));
        TestNames.delay("slow-first.geo-test", Duration.ofSeconds(3));
        HostResolver resolver = HostResolver.of("slow-first.geo-test", BOUND);

        long started = System.nanoTime();
        UnknownHostException error = assertThrows(UnknownHostException.class, resolver::addresses);

        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(1)) < 0);
        assertEquals("slow-first.geo-test did not resolve within 200 ms", error.getMessage());
    }

    @Test
    void whenResolvingBecomesSlowTheLastAnswerServesWithinTheBound() throws Exception {
        TestNames.define("slow-later.geo-test", address("127.0.0.1"));
        HostResolver resolver = HostResolver.of("slow-later.geo-test", BOUND);
        resolver.addresses();
        TestNames.delay("slow-later.geo-test", Duration.ofSeconds(3));

        long started = System.nanoTime();
        List<InetAddress> addresses = resolver.addresses();

        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(1)) < 0);
        assertEquals(List.of(address("127.0.0.1")), addresses);
    }

    @Test
    void anUnknownNameIsUnknown() {
        assertThrows(UnknownHostException.class, () -> HostResolver.of("nobody.geo-test", BOUND).addresses());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
