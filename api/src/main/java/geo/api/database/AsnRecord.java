package geo.api.database;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import java.util.Optional;

/**
 * One record of an ASN database in MaxMind's format (GeoLite2-ASN, DB-IP's ASN Lite). Public only because the MaxMind
 * reader builds it by reflection.
 */
public record AsnRecord(
        @MaxMindDbParameter(name = "autonomous_system_number") Long number,
        @MaxMindDbParameter(name = "autonomous_system_organization") String organization) {

    @MaxMindDbConstructor
    public AsnRecord {
    }

    Optional<AutonomousSystem> system() {
        return number == null ? Optional.empty()
                : Optional.of(new AutonomousSystem(number, Place.text(organization).orElse("")));
    }
}
