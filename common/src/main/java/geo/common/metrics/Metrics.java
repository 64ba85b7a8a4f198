package geo.common.metrics;

import geo.common.http.ExchangeObserver;
import geo.common.http.Request;
import geo.common.http.Response;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One service's metrics, through the Prometheus Java client: the HTTP requests it answered, the JVM's basics, and
 * whatever the service registers on {@link #registry()}. {@link #scrape(Request)} answers {@code GET /metrics}.
 */
public final class Metrics {

    /** Request latencies from 1 ms (a cache hit) to 10 s (far past every timeout). */
    private static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final Counter requests;
    private final Histogram latency;

    private Metrics() {
        registerJvmMetrics(registry);
        requests = Counter.builder().name("http_requests_total")
                .help("HTTP requests answered, by route, method and status")
                .labelNames("route", "method", "status").register(registry);
        latency = Histogram.builder().name("http_request_duration_seconds")
                .help("Time from a request's arrival to the last byte of its answer, by route")
                .labelNames("route").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
    }

    /**
     * The JVM's and the process's metrics, as {@code JvmMetrics} registers them but for native memory's: that one
     * starts the platform MBean server (70 ms of a 0.3 s start-up) to ask for figures that exist only with
     * {@code -XX:NativeMemoryTracking}, which geo does not run with.
     */
    private static void registerJvmMetrics(PrometheusRegistry registry) {
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryPoolAllocationMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    public static Metrics create() {
        return new Metrics();
    }

    /** Where a service registers its own metrics. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Counts and times every answered request, by its route's name (such as {@code /{ip}}), never the raw path, so
     * that the number of series stays bounded whatever is asked.
     */
    public ExchangeObserver requests() {
        return served -> {
            String method = switch (served.method()) {
                case "GET", "HEAD", "OPTIONS" -> served.method();
                default -> "other";
            };
            requests.labelValues(served.route(), method, Integer.toString(served.status())).inc();
            latency.labelValues(served.route()).observe(served.took().toNanos() / 1e9);
        };
    }

    /** Every metric, in the format the scraper asks for in {@code Accept} (Prometheus text or OpenMetrics). */
    public Response scrape(Request request) {
        ExpositionFormatWriter writer = formats.findWriter(request.header("Accept").orElse(""));
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Response(200, Map.of("Content-Type", writer.getContentType(), "Cache-Control", "no-store"),
                out.toByteArray());
    }
}
