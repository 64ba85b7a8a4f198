package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.testing.TestNames;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which of geo-api's addresses a look-up tries first, as addresses fail and answer. */
class ApiAddressesTest {

    private static final URI GONE = URI.create("http://127.0.0.2:8080/");
    private static final URI ALIVE = URI.create("http://127.0.0.1:8080/");

    private final AtomicLong now = new AtomicLong();
    private ApiAddresses addresses;

    @BeforeEach
    void twoReplicas() throws Exception {
        TestNames.define("addresses-test.geo-test", InetAddress.getByName("127.0.0.2"),
                InetAddress.getByName("127.0.0.1"));
        addresses = new ApiAddresses(URI.create("http://addresses-test.geo-test:8080/"), Duration.ofSeconds(1),
                now::get);
    }

    @Test
    void anAddressThatFailedComesLastForFiveSeconds() throws Exception {
        assertTriedFirstSometimes(GONE);

        addresses.failed(GONE);
        assertAlwaysLast(GONE, Duration.ofMillis(4_900));

        at(Duration.ofMillis(5_100));
        assertTriedFirstSometimes(GONE);
    }

    @Test
    void anAddressThatFailsEachTimeItIsTriedAgainComesLastTwiceAsLongEachTimeUpToAMinute() throws Exception {
        Duration[] expected = {Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(60)};
        Duration start = Duration.ZERO;
        for (Duration remembered : expected) {
            at(start);
            addresses.failed(GONE);
            assertAlwaysLast(GONE, start.plus(remembered).minusMillis(100));
            start = start.plus(remembered).plusMillis(100);
            at(start);
            assertTriedFirstSometimes(GONE);
        }
    }

    @Test
    void anAddressThatAnswersIsForgivenAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            addresses.failed(GONE);
            at(Duration.ofSeconds(5L << i).plusSeconds(i * 100L));
        }
        addresses.answered(GONE);
        addresses.failed(GONE);
        Duration failedAt = Duration.ofNanos(now.get());

        assertAlwaysLast(GONE, failedAt.plusMillis(4_900));
        at(failedAt.plusMillis(5_100));
        assertTriedFirstSometimes(GONE);
    }

    private void at(Duration time) {
        now.set(time.toNanos());
    }

    private void assertAlwaysLast(URI base, Duration until) throws Exception {
        at(until);
        for (int i = 0; i < 50; i++) {
            assertEquals(base, addresses.inRandomOrder().get(1), "at " + until);
        }
    }

    private void assertTriedFirstSometimes(URI base) throws Exception {
        boolean first = false;
        for (int i = 0; i < 100 && !first; i++) {
            first = addresses.inRandomOrder().getFirst().equals(base);
        }
        assertTrue(first, base + " was never tried first at " + Duration.ofNanos(now.get()));
        assertEquals(2, addresses.inRandomOrder().size());
    }
}
