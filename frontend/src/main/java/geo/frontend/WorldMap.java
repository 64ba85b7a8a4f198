package geo.frontend;

import geo.common.config.Resources;
import java.nio.charset.StandardCharsets;

/**
 * A world map with a marker: an inline SVG of the sea and the marker, which draws the land from an SVG of its own
 * ({@link #landSvg}, served at {@link #LAND_URL}). The land outline ({@code world-land.path}) is Natural Earth's
 * 1:110m land, written by {@code scripts/generate-world-map.sh} in the projection below; the marker uses the same
 * projection.
 */
final class WorldMap {

    /** Equirectangular, 2 units per degree: longitude -180..180 becomes x 0..720, latitude 90..-90 y 0..360. */
    private static final double UNITS_PER_DEGREE = 2;
    /** Latitudes 84 to -60: the inhabited world, without the poles. */
    private static final double TOP = y(84);
    private static final double BOTTOM = y(-60);
    private static final double WIDTH = 360 * UNITS_PER_DEGREE;
    private static final String LAND_PATH = new String(Resources.bytes(WorldMap.class, "world-land.path"),
            StandardCharsets.US_ASCII).strip();
    /** Where the land is served; a page's map draws it with {@code <use>}, its fill from style.css. */
    static final String LAND_URL = "/world-land.svg";

    /** The map without its label and marker; its bounds are written into it once, here. */
    private static final Template SVG = Template.of("""
            <svg class="map" viewBox="0 TOP WIDTH HEIGHT" role="img" aria-labelledby="map-title" \
            preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">
            <title id="map-title">%s</title>
            <rect class="sea" x="0" y="TOP" width="WIDTH" height="HEIGHT"/>
            <use class="land" href="URL#land"/>
            <circle class="marker-halo" cx="%s" cy="%s" r="11"/>
            <circle class="marker" cx="%s" cy="%s" r="5"/>
            </svg>""".replace("TOP", number(TOP)).replace("WIDTH", number(WIDTH))
            .replace("HEIGHT", number(BOTTOM - TOP)).replace("URL", LAND_URL));

    private WorldMap() {
    }

    /**
     * The land as an SVG document of its own: 22 kB that are the same on every page, sent once to a browser, which
     * keeps them, rather than in every page, where they were four fifths of a location's page (27 kB) and of what
     * geo-frontend wrote for it.
     */
    static byte[] landSvg() {
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\"><path id=\"land\" d=\"" + LAND_PATH + "\"/></svg>\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Appends the map with a marker at the coordinates, described for screen readers by {@code label}. */
    static void appendSvg(PageBuffer page, Coordinates at, String label) {
        double x = (at.longitude() + 180) * UNITS_PER_DEGREE;
        // A marker beyond the map's edge is kept on it, at the edge.
        double y = Math.clamp(y(at.latitude()), TOP, BOTTOM);
        String markerX = number(x);
        String markerY = number(y);
        SVG.appendTo(page, Html.escape(label), markerX, markerY, markerX, markerY);
    }

    private static double y(double latitude) {
        return (90 - latitude) * UNITS_PER_DEGREE;
    }

    private static String number(double value) {
        return FixedPoint.of(value, 2);
    }
}
