package geo.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.net.IpAddress;
import geo.common.testing.CapturedOutput;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    private static final IpAddress CLIENT = IpAddress.parse("203.0.113.7").orElseThrow();

    @Test
    void oneLinePerRequestWithWhatAnOperatorLooksFor() throws Exception {
        AccessLog log = AccessLog.create();

        String line = logged(log, new Served("GET", "/8.8.8.8", "/{ip}", CLIENT, 200,
                Optional.of(new Provenance(true, "ipgeolocation.io")), Duration.ofMillis(12).plusNanos(340_000)));

        assertTrue(line.endsWith(" INFO access - event=access method=GET path=/8.8.8.8 status=200 duration_ms=12.3 "
                + "client=203.0.113.7 cache=HIT source=ipgeolocation.io"), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void anAnswerOfNoOneSourceHasNoCacheOrSourceField() throws Exception {
        AccessLog log = AccessLog.create();

        String line = logged(log, new Served("GET", "/style.css", "/style.css", CLIENT, 200, Optional.empty(),
                Duration.ofMillis(1)));

        assertTrue(line.endsWith(" duration_ms=1.0 client=203.0.113.7"), line);
    }

    @Test
    void linesBeyondTheQueueAreDroppedAndCountedNeverWaitedFor() throws Exception {
        AccessLog log = AccessLog.create(3, Duration.ofHours(1));

        String text;
        try (CapturedOutput output = CapturedOutput.start()) {
            for (int i = 1; i <= 5; i++) {
                log.served(new Served("GET", "/" + i, "/{ip}", CLIENT, 200, Optional.empty(), Duration.ofMillis(1)));
            }
            log.close();
            text = output.text();
        }

        List<String> lines = text.lines().toList();
        assertEquals(4, lines.size(), text);
        for (int i = 1; i <= 3; i++) {
            assertTrue(lines.get(i - 1).contains(" path=/" + i + " "), lines.get(i - 1));
        }
        assertTrue(lines.get(3).endsWith(" WARN access - event=access_log_dropped lines=2"), lines.get(3));
    }

    @Test
    void aValueCannotForgeAnotherLineOrField() {
        assertEquals("/a??b?c=d?evil=1", AccessLog.printable("/a\r\nb c=d\"evil=1", 100));
        assertEquals("abc…", AccessLog.printable("abcdef", 3));
        assertEquals("-", AccessLog.printable("", 3));
    }

    private static String logged(AccessLog log, Served served) throws Exception {
        try (CapturedOutput output = CapturedOutput.start()) {
            log.served(served);
            log.close();
            return output.text().strip();
        }
    }
}
