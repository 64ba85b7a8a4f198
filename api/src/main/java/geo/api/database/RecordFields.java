package geo.api.database;

import java.util.Optional;

/**
 * What one record gives every answer for its addresses, as JSON: its fields before the network's
 * ({@code continent_code} to {@code geoname_id}) and after them ({@code currency}), each preceded by a comma, and the
 * zone whose clock ends the answer.
 */
record RecordFields(byte[] head, byte[] tail, Optional<TimeZoneFields> zone) {
}
