package geo.frontend;

import geo.common.net.IpAddress;

/**
 * The only paths that geo-frontend asks of geo-api. What a visitor types reaches geo-api only as a parsed address in
 * {@link #lookup}, written in its canonical form (hex digits, dots and colons), so that no input can name another
 * route such as {@code /ready} or {@code /metrics}.
 */
final class ApiPaths {

    /** The visitor's own location, found by geo-api at the end of {@code X-Forwarded-For}. */
    static final String VISITOR = "/";
    /** Several addresses at once, as a JSON body. */
    static final String BULK = "/bulk";

    private ApiPaths() {
    }

    /** geo-api's route that only looks addresses up. */
    static String lookup(IpAddress address) {
        return "/ip/" + address.canonical();
    }
}
