package geo.common.limit;

import java.time.Duration;

/**
 * A counter's state after one more event: how many events its window has seen, and how long the window still runs.
 */
public record WindowCount(long count, Duration remaining) {
}
