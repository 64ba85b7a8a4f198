import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A steady, bounded stream of requests for the high-availability drill: RATE requests a second, each on its own
 * virtual thread whatever the others do (an open loop, so a stall shows as latency, not as fewer requests), taking
 * the URLs in turn, until the stop file appears. Then it prints "sent failed slow p99-ms max-ms" and, on standard
 * error, each request that failed or was slow. A request fails when it gets no answer, an error, or a status other
 * than 200; it is slow when it took SLOW_MS or more.
 * Run: java bench/Load.java RATE STOP_FILE SLOW_MS URL...
 */
public final class Load {

    /**
     * One request: when it was sent (to set beside the replicas' logs), its status (-1: no answer, -2: interrupted),
     * how long it took, and why it failed if it did.
     */
    private record Result(Instant sent, String url, int status, long nanos, String failure) {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        Path stop = Path.of(args[1]);
        long slowNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[2]));
        List<String> urls = List.of(args).subList(3, args.length);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        int sent = 0;
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            while (!Files.exists(stop)) {
                String url = urls.get(sent % urls.size());
                sent++;
                requests.submit(() -> results.add(send(client, url)));
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
        List<Long> latencies = new ArrayList<>();
        int failed = 0;
        int slow = 0;
        for (Result result : results) {
            latencies.add(result.nanos());
            if (result.status() != 200) {
                failed++;
                System.err.printf("failed: %s %d %s after %.1f ms %s%n", result.sent(), result.status(),
                        result.url(), result.nanos() / 1e6, result.failure());
            } else if (result.nanos() >= slowNanos) {
                slow++;
                System.err.printf("slow: %s %s after %.1f ms%n", result.sent(), result.url(), result.nanos() / 1e6);
            }
        }
        Collections.sort(latencies);
        double p99 = latencies.isEmpty() ? 0 : latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1e6;
        double max = latencies.isEmpty() ? 0 : latencies.getLast() / 1e6;
        System.out.printf("%d %d %d %.1f %.1f%n", results.size(), failed, slow, p99, max);
    }

    private static Result send(HttpClient client, String url) {
        Instant sent = Instant.now();
        long started = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Result(sent, url, status, System.nanoTime() - started, "");
        } catch (IOException e) {
            // What the client saw (a reset, an empty or cut answer, a timeout) tells the drill's failures apart.
            return new Result(sent, url, -1, System.nanoTime() - started, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(sent, url, -2, System.nanoTime() - started, e.toString());
        }
    }
}
