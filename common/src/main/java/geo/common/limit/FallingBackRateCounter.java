package geo.common.limit;

import java.time.Duration;
import java.util.Optional;

/** One counter, and another while the first cannot count: each replica then counts alone. */
record FallingBackRateCounter(RateCounter first, RateCounter fallback) implements RateCounter {

    @Override
    public Optional<WindowCount> add(String key, long events, Duration window) {
        return first.add(key, events, window).or(() -> fallback.add(key, events, window));
    }
}
