package geo.common.outage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OutageGateTest {

    private final AtomicLong now = new AtomicLong();
    private final OutageGate gate = new OutageGate("redis", LoggerFactory.getLogger(OutageGateTest.class),
            Duration.ofSeconds(1), now::get);

    @Test
    void afterAFailureCallsAreSkippedUntilTheRetryInterval() {
        gate.failed("IOException: refused");

        assertFalse(gate.allowsCall());
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertFalse(gate.allowsCall());
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertTrue(gate.allowsCall());
    }

    @Test
    void onlyOneCallerProbesPerRetryInterval() {
        gate.failed("IOException: refused");
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertTrue(gate.allowsCall());
        assertFalse(gate.allowsCall());
    }

    @Test
    void aSuccessEndsTheOutage() {
        gate.failed("IOException: refused");
        gate.succeeded();

        assertFalse(gate.isDown());
        assertTrue(gate.allowsCall());
        assertTrue(gate.allowsCall());
    }
}
