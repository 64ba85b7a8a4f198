package geo.common.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A service's routes as data: each a method and a path template such as {@code /ip/{ip}}, whose {@code {name}}
 * segments match any one segment. A path that several templates match goes to the one with the most literal segments
 * first ({@code /ip/{ip}} before {@code /{ip}/{field}}). Because the table is data, a test can hold it against the
 * service's API description.
 */
public final class RouteTable {

    /** Answers one request that matched a route; {@code path} holds the template's named segments, decoded. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request, Map<String, String> path);
    }

    /** One route: {@code GET} routes also answer {@code HEAD}. Its template is split once, not per request. */
    public static final class Route {

        private final String method;
        private final String template;
        private final Handler handler;
        private final String[] segments;
        private final long literals;

        public Route(String method, String template, Handler handler) {
            this.method = Objects.requireNonNull(method, "method");
            this.template = Objects.requireNonNull(template, "template");
            this.handler = Objects.requireNonNull(handler, "handler");
            if (!template.startsWith("/")) {
                throw new IllegalArgumentException("a template starts with /: " + template);
            }
            this.segments = template.equals("/") ? new String[0] : template.substring(1).split("/", -1);
            this.literals = Arrays.stream(segments).filter(segment -> !isParameter(segment)).count();
        }

        public String method() {
            return method;
        }

        public String template() {
            return template;
        }

        public Handler handler() {
            return handler;
        }

        boolean answers(String requestMethod) {
            return method.equals(requestMethod) || (method.equals("GET") && requestMethod.equals("HEAD"));
        }

        /** The named segments, when the path matches the template. */
        Optional<Map<String, String>> match(List<String> path) {
            if (segments.length != path.size()) {
                return Optional.empty();
            }
            Map<String, String> named = Map.of();
            for (int i = 0; i < segments.length; i++) {
                String expected = segments[i];
                if (isParameter(expected)) {
                    // Templates here have at most two named segments; a small map per match is all it costs.
                    Map<String, String> more = new HashMap<>(named);
                    more.put(expected.substring(1, expected.length() - 1), path.get(i));
                    named = more;
                } else if (!expected.equals(path.get(i))) {
                    return Optional.empty();
                }
            }
            return Optional.of(named);
        }
    }

    /** What a path matched: the route, and its named segments. */
    public record Match(Route route, Map<String, String> path) {
    }

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        List<Route> ordered = new ArrayList<>(routes);
        ordered.sort(Comparator.comparingLong((Route route) -> route.literals).reversed());
        this.routes = List.copyOf(ordered);
    }

    public static RouteTable of(List<Route> routes) {
        return new RouteTable(routes);
    }

    public static Route get(String template, Handler handler) {
        return new Route("GET", template, handler);
    }

    public static Route post(String template, Handler handler) {
        return new Route("POST", template, handler);
    }

    public List<Route> routes() {
        return routes;
    }

    /** The first route whose template matches the path and whose method is the request's. */
    public Optional<Match> match(Request request) {
        List<String> path = request.pathSegments();
        for (Route route : routes) {
            if (route.answers(request.method())) {
                Optional<Map<String, String>> named = route.match(path);
                if (named.isPresent()) {
                    return Optional.of(new Match(route, named.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The name of a request's route, for metrics: its template, whatever the path, or {@code other} when no route
     * answers it. A fixed few names, so that the number of series stays bounded whatever is asked.
     */
    public String nameOf(Request request) {
        return match(request).map(match -> match.route().template()).orElse("other");
    }

    /** The methods that some route answers at this path (with HEAD for GET); empty when no template matches it. */
    public Set<String> methodsAt(Request request) {
        List<String> path = request.pathSegments();
        Set<String> methods = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.match(path).isPresent()) {
                methods.add(route.method());
                if (route.method().equals("GET")) {
                    methods.add("HEAD");
                }
            }
        }
        return methods;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
