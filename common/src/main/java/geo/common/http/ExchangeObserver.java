package geo.common.http;

import java.util.List;

/** Told of every answered request, after the answer was written: for the access log and the metrics. */
@FunctionalInterface
public interface ExchangeObserver {

    void served(Served served);

    static ExchangeObserver none() {
        return served -> {
        };
    }

    /** Each of these in turn. */
    static ExchangeObserver all(ExchangeObserver... observers) {
        List<ExchangeObserver> each = List.of(observers);
        return served -> each.forEach(observer -> observer.served(served));
    }
}
