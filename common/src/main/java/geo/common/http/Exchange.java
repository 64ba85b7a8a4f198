package geo.common.http;

import geo.common.net.IpAddress;
import java.util.Objects;

/**
 * One request as the pipeline knows it once, before any filter runs: the request, the route it matched (or why none
 * did), and the client it came from. Everything after the match uses this value; nothing matches or resolves again.
 *
 * @param request what was asked
 * @param routing the route and its named path segments, or why there is none
 * @param client  the caller: the peer, or the client behind trusted proxies
 */
public record Exchange(Request request, RouteTable.Routing routing, IpAddress client) {

    /** The name of a route, for metrics and logs, of a request that no route answers. */
    public static final String NO_ROUTE = "other";

    public Exchange {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(client, "client");
    }

    /**
     * The route's template, such as {@code /{ip}}, or {@link #NO_ROUTE}: a fixed few names, so that the number of
     * metric series stays bounded whatever is asked.
     */
    public String route() {
        return routing instanceof RouteTable.Routing.Matched matched ? matched.route().template() : NO_ROUTE;
    }

    /** A named segment of the matched template, decoded, such as {@code ip} of {@code /{ip}}. */
    public String path(String name) {
        if (routing instanceof RouteTable.Routing.Matched matched && matched.path().containsKey(name)) {
            return matched.path().get(name);
        }
        throw new IllegalStateException("the route " + route() + " has no segment named " + name);
    }
}
