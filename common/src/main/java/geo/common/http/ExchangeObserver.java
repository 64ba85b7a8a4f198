package geo.common.http;

import java.time.Duration;
import java.util.List;

/** Told of every answered request, after the answer was written: for the access log and the metrics. */
@FunctionalInterface
public interface ExchangeObserver {

    /**
     * @param request  what was asked
     * @param response what was answered (for a request that failed unexpectedly, the internal-error answer)
     * @param took     from the request's arrival in geo's handler to the last byte written
     */
    void answered(Request request, Response response, Duration took);

    static ExchangeObserver none() {
        return (request, response, took) -> {
        };
    }

    /** Each of these in turn. */
    static ExchangeObserver all(ExchangeObserver... observers) {
        List<ExchangeObserver> each = List.of(observers);
        return (request, response, took) -> each.forEach(observer -> observer.answered(request, response, took));
    }
}
