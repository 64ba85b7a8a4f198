import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording made under a steady load and tells how many bytes the process allocated per request, and
 * where. The amount comes from the heap before and after each garbage collection (allocated between two collections
 * = used before the second minus used after the first), which is exact whatever the threads; the places come from
 * jdk.ObjectAllocationSample, whose weights are only estimates with virtual threads, so they are given as shares.
 * Run: java bench/JfrAllocations.java RECORDING.jfr REQUESTS_PER_SECOND
 */
public final class JfrAllocations {

    private record HeapSummary(Instant time, boolean beforeGc, long used) {
    }

    public static void main(String[] args) throws IOException {
        double requestsPerSecond = Double.parseDouble(args[1]);
        List<HeapSummary> summaries = new ArrayList<>();
        Map<String, Long> bySite = new HashMap<>();
        long sampled = 0;
        long sampledInGeo = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            switch (event.getEventType().getName()) {
                case "jdk.GCHeapSummary" -> summaries.add(new HeapSummary(event.getStartTime(),
                        event.getString("when").equals("Before GC"), event.getLong("heapUsed")));
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight");
                    String site = site(event);
                    sampled += weight;
                    if (site.contains(" <- ")) {
                        sampledInGeo += weight;
                    }
                    bySite.merge(site, weight, Long::sum);
                }
                default -> {
                }
            }
        }
        summaries.sort(Comparator.comparing(HeapSummary::time));
        long allocated = 0;
        Instant first = null;
        Instant last = null;
        HeapSummary previousAfter = null;
        for (HeapSummary summary : summaries) {
            if (!summary.beforeGc()) {
                previousAfter = summary;
                first = first == null ? summary.time() : first;
            } else if (previousAfter != null) {
                allocated += summary.used() - previousAfter.used();
                last = summary.time();
            }
        }
        double seconds = first == null || last == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
        double perRequest = seconds == 0 ? 0 : allocated / seconds / requestsPerSecond;
        double geoShare = sampled == 0 ? 0 : (double) sampledInGeo / sampled;
        System.out.printf("%.0f bytes per request, %.0f of them under geo's code%n", perRequest,
                perRequest * geoShare);
        long all = sampled;
        bySite.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .forEach(site -> System.out.printf("  %5.1f%%  %s%n", 100.0 * site.getValue() / Math.max(1, all),
                        site.getKey()));
    }

    /** "class in allocating frame <- first geo frame". */
    private static String site(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        String type = event.getClass("objectClass").getName();
        if (stack == null || stack.getFrames().isEmpty()) {
            return type + " (no stack)";
        }
        RecordedFrame top = stack.getFrames().getFirst();
        String geo = "";
        for (RecordedFrame frame : stack.getFrames()) {
            String owner = frame.getMethod().getType().getName();
            if (owner.startsWith("geo.")) {
                geo = " <- " + simple(owner) + "." + frame.getMethod().getName();
                break;
            }
        }
        return type + " in " + simple(top.getMethod().getType().getName()) + "." + top.getMethod().getName() + geo;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
