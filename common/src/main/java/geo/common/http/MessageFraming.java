package geo.common.http;

import java.util.List;
import java.util.Optional;

/**
 * Whether a request's framing is exactly valid HTTP/1.1 (RFC 9112), checked before any route runs. A message that a
 * proxy in front could read differently (a Content-Length with a sign, two lengths, a length beside
 * Transfer-Encoding, no Host or two) opens the way to request smuggling, so it is refused with 400 and its
 * connection closed, whatever the JDK's own parser let through.
 */
final class MessageFraming {

    /** Long enough for any body geo takes; a longer run of digits is not a length anyone means. */
    private static final int MAX_LENGTH_DIGITS = 18;

    private MessageFraming() {
    }

    /**
     * What is wrong with the request's framing, in words for the client; empty when it is valid. Header names are
     * spelled as the JDK stores them (first letter upper case), so that no look-up allocates.
     */
    static Optional<String> problem(String protocol, Request request) {
        List<String> hosts = request.headerValues("Host");
        if (protocol.equalsIgnoreCase("HTTP/1.1") && hosts.size() != 1) {
            return Optional.of(hosts.isEmpty() ? "an HTTP/1.1 request needs a Host header"
                    : "a request may have only one Host header");
        }
        List<String> lengths = request.headerValues("Content-length");
        if (!lengths.isEmpty() && !request.headerValues("Transfer-encoding").isEmpty()) {
            return Optional.of("a request may not have both Content-Length and Transfer-Encoding");
        }
        for (String length : lengths) {
            if (!isDigits(length.strip())) {
                return Optional.of("Content-Length must be digits only");
            }
            if (!length.strip().equals(lengths.getFirst().strip())) {
                return Optional.of("a request may have only one Content-Length");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the connection must close after the answer: its framing was refused; it was chunked (the JDK cannot
     * read trailers, which would then be read as a next request); or it sent a body and was refused, so that what
     * is left of the body is never read as a next request.
     */
    static boolean mustClose(Request request, boolean framingRefused, int status) {
        return framingRefused || request.header("Transfer-Encoding").isPresent()
                || request.hasBody() && status >= 400;
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH_DIGITS) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
