package geo.common.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code access}, at INFO, for example
 * {@code 2026-11-25T17:06:18.597Z INFO access - event=access method=GET path=/8.8.8.8 status=200 duration_ms=1.2
 * client=203.0.113.7 cache=HIT source=ipgeolocation.io}, where {@code cache} and {@code source} are there only for an
 * answer with a {@link Provenance}. The query is left out: it is the caller's business, and not needed to follow
 * traffic. Turn it off like any logger: {@code -Dorg.slf4j.simpleLogger.log.access=warn}.
 *
 * <p>The lines have slf4j-simple's layout (and its time zone, the JVM's) but are written by one thread of their own,
 * every 50 ms, all queued lines in one write to stdout: through the logger, each request cost a flush of stdout,
 * which took a fifth of the throughput of cache hits. A request only formats its line and queues it, without a lock
 * and without waking the writer. Should 65,536 lines be waiting, further lines are dropped and counted, never waited
 * for.
 */
public final class AccessLog implements ExchangeObserver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("access");
    /** Longer paths are cut: the line stays readable and an attacker cannot fill the log with one request. */
    private static final int MAX_PATH_CHARS = 200;
    private static final int QUEUE_LINES = 65_536;
    /** How often the writer writes what has been queued: lines are at most this late, and a request never wakes it. */
    private static final Duration WRITE_EVERY = Duration.ofMillis(50);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());

    private final int queueLines;
    private final Duration writeEvery;
    private final boolean enabled;
    /** The last time written, formatted: a busy server answers many requests within one millisecond. */
    private volatile FormattedTime lastTime = new FormattedTime(Long.MIN_VALUE, "");
    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;

    private AccessLog(int queueLines, Duration writeEvery) {
        this.queueLines = queueLines;
        this.writeEvery = writeEvery;
        this.enabled = LOG.isInfoEnabled();
        this.writer = Thread.ofPlatform().name("access-log").daemon().unstarted(this::writeUntilClosed);
        if (enabled) {
            writer.start();
        }
    }

    public static AccessLog create() {
        return new AccessLog(QUEUE_LINES, WRITE_EVERY);
    }

    /** With another bound and pace, for tests. */
    static AccessLog create(int queueLines, Duration writeEvery) {
        return new AccessLog(queueLines, writeEvery);
    }

    @Override
    public void served(Served served) {
        if (!enabled) {
            return;
        }
        String line = now() + " INFO access - event=access method="
                + printable(served.method(), 16) + " path=" + printable(served.rawPath(), MAX_PATH_CHARS)
                + " status=" + served.status() + " duration_ms=" + milliseconds(served.took())
                + " client=" + served.client().canonical()
                + served.provenance().map(AccessLog::provenance).orElse("") + "\n";
        if (queued.incrementAndGet() > queueLines) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        lines.add(line);
    }

    private static String provenance(Provenance provenance) {
        return " cache=" + (provenance.cached() ? "HIT" : "MISS") + " source=" + printable(provenance.source(), 64);
    }

    private record FormattedTime(long epochMillis, String text) {
    }

    private String now() {
        long millis = System.currentTimeMillis();
        FormattedTime time = lastTime;
        if (time.epochMillis() != millis) {
            time = new FormattedTime(millis, TIME.format(Instant.ofEpochMilli(millis)));
            lastTime = time;
        }
        return time.text();
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        if (!enabled) {
            return;
        }
        writer.interrupt();
        try {
            writer.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilClosed() {
        boolean open = true;
        while (open) {
            try {
                Thread.sleep(writeEvery);
            } catch (InterruptedException closing) {
                open = false;
            }
            writeQueued();
        }
    }

    private void writeQueued() {
        StringBuilder text = new StringBuilder(16 * 1024);
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            queued.decrementAndGet();
            text.append(line);
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            text.append(TIME.format(Instant.now())).append(" WARN access - event=access_log_dropped lines=")
                    .append(lost).append('\n');
        }
        if (!text.isEmpty()) {
            // One call: System.out is synchronised, so no other log line can land inside these.
            System.out.print(text);
            System.out.flush();
        }
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
