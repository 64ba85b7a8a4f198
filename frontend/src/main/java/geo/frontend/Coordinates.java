package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A point on Earth, in degrees. */
record Coordinates(double latitude, double longitude) {

    /**
     * The {@code latitude} and {@code longitude} of a location, which ipgeolocation.io writes as strings and the
     * offline database as numbers; empty when either is missing or not a point on Earth.
     */
    static Optional<Coordinates> of(JsonNode location) {
        Optional<Double> latitude = degrees(location.path("latitude"), 90);
        Optional<Double> longitude = degrees(location.path("longitude"), 180);
        return latitude.isPresent() && longitude.isPresent()
                ? Optional.of(new Coordinates(latitude.get(), longitude.get()))
                : Optional.empty();
    }

    private static Optional<Double> degrees(JsonNode value, double limit) {
        if (!value.isNumber() && !value.isTextual()) {
            return Optional.empty();
        }
        try {
            double degrees = Double.parseDouble(value.asText().strip());
            return Double.isFinite(degrees) && Math.abs(degrees) <= limit ? Optional.of(degrees) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
