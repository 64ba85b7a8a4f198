package geo.frontend;

import geo.common.config.Resources;
import geo.common.http.Refusal;
import geo.common.http.Response;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Renders geo-frontend's HTML: the one place that knows the page's frame. Every value from outside is escaped; the
 * HTTP layer puts {@link SecurityHeaders} on every page.
 */
final class Pages {

    /** What the visitor reads when geo-api answered something that is not one of its answers. */
    static final String NOT_UNDERSTOOD = "geo-api gave an answer this page does not understand.";

    /** How many addresses the form for several takes at once. */
    static final int MAX_SEVERAL = 50;

    static final Response UP = Response.of(200, Response.JSON, "{\"status\":\"UP\"}");
    static final Response READY = Response.of(200, Response.JSON, "{\"status\":\"READY\"}");
    static final Response STOPPING = Response.of(503, Response.JSON, "{\"status\":\"STOPPING\"}");
    static final Response STYLE = asset("text/css; charset=utf-8", Resources.bytes(Pages.class, "style.css"));
    /** The map's land ({@link WorldMap#LAND_URL}), which each page's map draws and a browser keeps. */
    static final Response LAND = asset("image/svg+xml", WorldMap.landSvg());
    /** What a visitor is told of a failure of geo's own: nothing of its detail. */
    static final String INTERNAL_ERROR = "something went wrong on our side; please try again in a moment";

    private Pages() {
    }

    /** The form, pre-filled with the address, above the location. */
    static Response location(String address, ApiAnswer.Located located) {
        return page(200, Form.showing(address), page -> ResultView.appendTo(page, located));
    }

    /**
     * The form with what went wrong. A problem with the address itself (a 4xx other than 429) is shown next to the
     * field, which is marked invalid; anything else (a quota, geo-api unreachable) is a notice below the form.
     */
    static Response error(int status, String address, String message) {
        return isAboutTheInput(status)
                ? page(status, Form.rejecting(address, message), NOTHING)
                : page(status, Form.showing(address), text(notice(status, message)));
    }

    /** Several addresses as one table, with the addresses kept in the form. */
    static Response several(String text, List<String> asked, ApiAnswer.LocatedMany many) {
        return page(200, Form.showingSeveral(text, ""), page -> SeveralView.appendTo(page, asked, many));
    }

    /** What went wrong with several addresses: next to their field, or as a notice, as for one address. */
    static Response severalRefused(int status, String text, String message) {
        return isAboutTheInput(status)
                ? page(status, Form.showingSeveral(text, message), NOTHING)
                : page(status, Form.showingSeveral(text, ""), text(notice(status, message)));
    }

    /** A 4xx other than 429 is about what was typed, and is shown next to the field. */
    private static boolean isAboutTheInput(int status) {
        return status >= 400 && status < 500 && status != 429;
    }

    private static String notice(int status, String message) {
        return panel(status == 502 || status == 504 ? "geo-api is not answering" : "The look-up did not work",
                message);
    }

    /** A request that geo-frontend's pipeline refuses, or a failure of its own: geo-frontend's status table. */
    static Response refused(Refusal refusal) {
        return switch (refusal) {
            case Refusal.BadFraming bad -> problem(400, "Bad request", bad.reason());
            case Refusal.NoSuchRoute none -> problem(404, "There is no such page",
                    "Look up an address with the form above.");
            case Refusal.MethodNotAllowed wrong -> problem(405, "Method not allowed",
                    "Only " + String.join(" and ", wrong.allowed()) + " are allowed.")
                    .withHeader("Allow", String.join(", ", wrong.allowed()));
            case Refusal.BodyNotAccepted body -> problem(413, "Request body not accepted",
                    "This site only answers GET requests without a body.");
            case Refusal.TooManyRequests tooMany -> problem(429, "Too many requests",
                    "Please try again in " + tooMany.retryAfterSeconds() + " s.")
                    .withHeader("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
            case Refusal.Unexpected unexpected -> problem(500, "Something went wrong on our side", INTERNAL_ERROR);
        };
    }

    private static Response problem(int status, String title, String message) {
        return page(status, Form.blank(), text(panel(title, message)));
    }

    /** The form with a neutral remark below it. */
    static Response note(String remark) {
        return page(200, Form.blank(), text("<p class=\"note\" role=\"status\">" + Html.escape(remark) + "</p>"));
    }

    /** The forms of {@link Form}; a template, so that a page does not run a formatter over them. */
    private static final Template FORMS = Template.of("""
            <form class="lookup" method="get" action="/">
            <label for="ip">IP address</label>
            <div class="field">
            <input id="ip" name="ip" value="%s" placeholder="8.8.8.8 or 2001:4860:4860::8888" \
            autocomplete="off" spellcheck="false" autocapitalize="off"%s>
            <button type="submit">Look up</button>
            </div>
            %s</form>
            <details class="several"%s>
            <summary>Several addresses at once</summary>
            <form class="lookup-several" method="get" action="/">
            <label for="ips">One address per line, up to MAX_SEVERAL</label>
            <textarea id="ips" name="ips" rows="5" spellcheck="false" autocapitalize="off"%s>%s</textarea>
            %s<button type="submit">Look up all</button>
            </form>
            </details>""".replace("MAX_SEVERAL", Integer.toString(MAX_SEVERAL)));

    /**
     * The look-up forms: the one for an address, with the address it shows and the problem with it, if any; and the
     * one for several addresses, folded away unless it is in use.
     */
    private record Form(String address, String problem, String several, String severalProblem, boolean severalOpen) {

        static Form blank() {
            return showing("");
        }

        static Form showing(String address) {
            return rejecting(address, "");
        }

        static Form rejecting(String address, String problem) {
            return new Form(address, problem, "", "", false);
        }

        static Form showingSeveral(String several, String problem) {
            return new Form("", "", several, problem, true);
        }

        /** Appends the forms to the page. */
        void appendTo(PageBuffer page) {
            boolean invalid = !problem.isEmpty();
            boolean severalInvalid = !severalProblem.isEmpty();
            FORMS.appendTo(page, Html.escape(address),
                    invalid ? " aria-invalid=\"true\" aria-describedby=\"ip-problem\"" : "",
                    invalid ? problemHtml("ip-problem", problem) : "",
                    severalOpen ? " open" : "",
                    severalInvalid ? " aria-invalid=\"true\" aria-describedby=\"ips-problem\"" : "",
                    Html.escape(several),
                    severalInvalid ? problemHtml("ips-problem", severalProblem) : "");
        }

        private static String problemHtml(String id, String problem) {
            return "<p id=\"" + id + "\" class=\"problem\" role=\"alert\">" + Html.escape(problem) + "</p>\n";
        }
    }

    /** The page up to its forms: the title goes in its hole. */
    private static final Template PAGE_TOP = Template.of("""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>%s</title>
            <link rel="stylesheet" href="/style.css">
            </head>
            <body>
            <header class="site"><a class="brand" href="/">geo</a> <span>IP geolocation</span></header>
            <main>
            <h1>Where is this IP address?</h1>
            """);
    private static final Template PAGE_BOTTOM = Template.of("""

            </main>
            <footer class="site"><p>Locations of IP addresses are approximate: a city, not a street.</p>
            <p class="credits">Offline data: <a href="https://db-ip.com">IP Geolocation by DB-IP</a>; AS numbers and
            organizations from DB-IP, <a href="https://www.routeviews.org">RouteViews</a> and the
            <a href="https://www.nro.net">NRO</a>; all under
            <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p></footer>
            </body>
            </html>
            """);
    /** Room for a location's page (6 kB) and one of 50 addresses (14 kB) without growing. */
    private static final int PAGE_BYTES = 16 * 1024;
    /**
     * Buffers of pages already sent, for the next ones: a fresh 32 kB buffer for every page was a fifth of
     * geo-frontend's garbage, and in a heap as small as its options give (frontend/jvm.options) garbage is collection
     * work. Taking one back saved 2 and 8 % of the CPU a page costs in two paired runs (2026-12-02). Bounded: pages
     * beyond this many at once get a buffer of their own, left to the collector, as is one that grew past twice the
     * usual size.
     */
    private static final BlockingQueue<PageBuffer> SPARE_BUFFERS = new ArrayBlockingQueue<>(32);
    private static final Consumer<PageBuffer> NOTHING = page -> { };

    /** The page, its content written by {@code content} straight into UTF-8 bytes, sent as a copy of its size. */
    private static Response page(int status, Form form, Consumer<PageBuffer> content) {
        PageBuffer page = Objects.requireNonNullElseGet(SPARE_BUFFERS.poll(), () -> new PageBuffer(PAGE_BYTES));
        try {
            PAGE_TOP.appendTo(page, title(status, form));
            form.appendTo(page);
            page.append('\n');
            content.accept(page);
            PAGE_BOTTOM.appendTo(page);
            return Response.of(status, Response.HTML, page.toBytes());
        } finally {
            if (page.capacity() <= 2 * PAGE_BYTES) {
                page.clear();
                SPARE_BUFFERS.offer(page);
            }
        }
    }

    /** A file that is the same for every page and every visitor: browsers keep it for an hour. */
    private static Response asset(String contentType, byte[] body) {
        return new Response(200, Map.of("Content-Type", contentType, "Cache-Control", "public, max-age=3600"), body);
    }

    private static Consumer<PageBuffer> text(String html) {
        return page -> page.append(html);
    }

    private static String title(int status, Form form) {
        String subject = form.address().isEmpty() ? "IP geolocation" : Html.escape(form.address());
        return (status == 200 ? "" : "Error " + status + " · ") + subject + " · geo";
    }

    private static String panel(String title, String message) {
        return "<section class=\"notice\" role=\"alert\"><h2>" + Html.escape(title) + "</h2><p>"
                + Html.escape(message) + "</p></section>";
    }
}
