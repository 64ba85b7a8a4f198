package geo.common.http;

/** Answers one exchange: a route's work, or what is left of the pipeline after a filter. */
@FunctionalInterface
public interface Handler {

    Reply handle(Exchange exchange);
}
