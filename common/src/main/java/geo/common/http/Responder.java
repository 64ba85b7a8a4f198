package geo.common.http;

/** Answers one request; it returns the answer and never writes to the connection itself. */
@FunctionalInterface
public interface Responder {

    Response respond(Request request);
}
