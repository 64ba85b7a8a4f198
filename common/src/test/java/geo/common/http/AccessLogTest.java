package geo.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import geo.common.testing.CapturedOutput;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void oneLinePerRequestWithWhatAnOperatorLooksFor() throws Exception {
        AccessLog log = AccessLog.of(request -> "203.0.113.7");
        Request request = new Request("GET", "/8.8.8.8", "key=not-logged", new Headers(),
                InetAddress.getLoopbackAddress());
        Response response = new Response(200, Map.of("X-Cache", "HIT", "X-Source", "ipgeolocation.io"), new byte[0]);

        String line;
        try (CapturedOutput output = CapturedOutput.start()) {
            log.answered(request, response, Duration.ofMillis(12).plusNanos(340_000));
            log.close();
            line = output.text().strip();
        }

        assertTrue(line.endsWith(" INFO access - event=access method=GET path=/8.8.8.8 status=200 duration_ms=12.3 "
                + "cache=HIT source=ipgeolocation.io client=203.0.113.7"), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void linesBeyondTheQueueAreDroppedAndCountedNeverWaitedFor() throws Exception {
        AccessLog log = AccessLog.of(request -> "203.0.113.7", 3, Duration.ofHours(1));
        Response response = new Response(200, Map.of(), new byte[0]);

        String text;
        try (CapturedOutput output = CapturedOutput.start()) {
            for (int i = 1; i <= 5; i++) {
                log.answered(new Request("GET", "/" + i, "", new Headers(), InetAddress.getLoopbackAddress()),
                        response, Duration.ofMillis(1));
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
}
