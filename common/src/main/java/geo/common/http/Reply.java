package geo.common.http;

/**
 * What a route or a filter gives back: an answer ready to send, or a refusal that the service's one mapper words in
 * its own way (JSON for geo-api, a page for geo-frontend).
 */
public sealed interface Reply permits Response, Refusal {
}
