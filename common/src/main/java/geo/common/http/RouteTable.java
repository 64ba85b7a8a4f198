package geo.common.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A service's routes as data: each a method and a path template such as {@code /ip/{ip}}, whose {@code {name}}
 * segments match any one segment. A path goes to the templates that match it with the most literal segments
 * ({@code /bulk} before {@code /{ip}}); when none of those answers the method, the request is refused with 405 and
 * their methods, never handed to a less specific template. Because the table is data, a test can hold it against the
 * service's API description.
 */
public final class RouteTable {

    /** One route: {@code GET} routes also answer {@code HEAD}. Its template is split once, not per request. */
    public static final class Route {

        private final String method;
        private final String template;
        private final Handler handler;
        private final String[] segments;
        private final int literals;

        public Route(String method, String template, Handler handler) {
            this.method = Objects.requireNonNull(method, "method");
            this.template = Objects.requireNonNull(template, "template");
            this.handler = Objects.requireNonNull(handler, "handler");
            if (!template.startsWith("/")) {
                throw new IllegalArgumentException("a template starts with /: " + template);
            }
            this.segments = template.equals("/") ? new String[0] : template.substring(1).split("/", -1);
            this.literals = (int) Arrays.stream(segments).filter(segment -> !isParameter(segment)).count();
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

        boolean matches(List<String> path) {
            if (segments.length != path.size()) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!isParameter(segments[i]) && !segments[i].equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** The named segments of a path that {@link #matches} the template. */
        Map<String, String> named(List<String> path) {
            Map<String, String> named = new HashMap<>(4);
            for (int i = 0; i < segments.length; i++) {
                if (isParameter(segments[i])) {
                    named.put(segments[i].substring(1, segments[i].length() - 1), path.get(i));
                }
            }
            return named;
        }
    }

    /** Where a request goes: a route, or why none. */
    public sealed interface Routing {

        /** The route that answers the request, with its named segments, decoded. */
        record Matched(Route route, Map<String, String> path) implements Routing {
        }

        /** The path's most specific templates answer other methods only: these (with HEAD for GET). */
        record WrongMethod(List<String> allowed) implements Routing {
            public WrongMethod {
                allowed = List.copyOf(allowed);
            }
        }

        /** No template matches the path. */
        record NoRoute() implements Routing {
        }
    }

    private static final Routing NO_ROUTE = new Routing.NoRoute();

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
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

    /** The request's route among the most specific templates that match its path, or why there is none. */
    public Routing route(Request request) {
        List<String> path = request.pathSegments();
        int mostLiterals = -1;
        List<Route> candidates = new ArrayList<>(2);
        for (Route route : routes) {
            if (route.literals >= mostLiterals && route.matches(path)) {
                if (route.literals > mostLiterals) {
                    candidates.clear();
                    mostLiterals = route.literals;
                }
                candidates.add(route);
            }
        }
        for (Route route : candidates) {
            if (route.answers(request.method())) {
                return new Routing.Matched(route, route.named(path));
            }
        }
        if (candidates.isEmpty()) {
            return NO_ROUTE;
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : candidates) {
            allowed.add(route.method());
            if (route.method().equals("GET")) {
                allowed.add("HEAD");
            }
        }
        return new Routing.WrongMethod(List.copyOf(allowed));
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
