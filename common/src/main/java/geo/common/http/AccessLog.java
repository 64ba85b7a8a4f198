package geo.common.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code access}, at INFO, for example
 * {@code event=access method=GET path=/8.8.8.8 status=200 duration_ms=1.2 cache=HIT source=ipgeolocation.io
 * client=203.0.113.7}. The query is left out: it is the caller's business, and not needed to follow traffic. Turn it
 * off like any logger: {@code -Dorg.slf4j.simpleLogger.log.access=warn}.
 */
public final class AccessLog implements ExchangeObserver {

    private static final Logger LOG = LoggerFactory.getLogger("access");
    /** Longer paths are cut: the line stays readable and an attacker cannot fill the log with one request. */
    private static final int MAX_PATH_CHARS = 200;

    private final Function<Request, String> clientOf;

    private AccessLog(Function<Request, String> clientOf) {
        this.clientOf = clientOf;
    }

    /** @param clientOf who the caller is, e.g. the peer, or the client behind trusted proxies */
    public static AccessLog of(Function<Request, String> clientOf) {
        return new AccessLog(Objects.requireNonNull(clientOf, "clientOf"));
    }

    @Override
    public void answered(Request request, Response response, Duration took) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info("event=access method={} path={} status={} duration_ms={} cache={} source={} client={}",
                printable(request.method(), 16), printable(request.rawPath(), MAX_PATH_CHARS), response.status(),
                milliseconds(took),
                response.headers().getOrDefault("X-Cache", "-"),
                response.headers().getOrDefault("X-Source", "-"), printable(clientOf.apply(request), 64));
    }

    /** "12.3": milliseconds with one decimal, without the cost of a format string on every request. */
    static String milliseconds(Duration took) {
        long tenths = (took.toNanos() + 50_000) / 100_000;
        return tenths / 10 + "." + tenths % 10;
    }

    /**
     * The value as one token of the line: no spaces, quotes or control characters (which could forge a line), and
     * at most {@code max} characters.
     */
    static String printable(String value, int max) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 1);
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c > ' ' && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        if (value.length() > max) {
            out.append('…');
        }
        return out.isEmpty() ? "-" : out.toString();
    }
}
