package geo.common.http;

/**
 * How a service words an answer that none of its routes gave: a request refused before any route runs (its framing
 * is not valid HTTP), or an unexpected failure. geo-api answers JSON, geo-frontend an HTML page.
 */
@FunctionalInterface
public interface ErrorPage {

    /** The message is short and safe to show: it never holds a detail of the failure. */
    Response of(int status, String message);
}
