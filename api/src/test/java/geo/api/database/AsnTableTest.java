package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.testing.TestDatabase;
import geo.common.net.IpAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ip-location-db's ASN CSV files (DB-IP ASN Lite with RouteViews), read into a table. */
class AsnTableTest {

    private static AsnTable read(Path file) throws IOException {
        return AsnTable.of(AsnCsv.read(file));
    }

    private static AsnTable ipv4;
    private static AsnTable ipv6;

    @BeforeAll
    static void load() throws IOException {
        ipv4 = read(TestDatabase.folder().resolve("asn-ipv4.csv"));
        ipv6 = read(TestDatabase.folder().resolve("asn-ipv6.csv"));
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
            "1.0.0.0, 13335, 'Cloudflare, Inc.'",
            "1.0.0.255, 13335, 'Cloudflare, Inc.'",
            "8.8.8.8, 15169, Google LLC",
            "2001:4860:4860::8888, 15169, Google LLC",
            "2001::1, 6939, Hurricane Electric LLC",
    })
    void anAddressIsFoundInItsRangeAtBothEdgesAndInside(String address, long number, String organization) {
        IpAddress ip = IpAddress.parse(address).orElseThrow();

        Optional<AutonomousSystem> found = (ip.isIpv4() ? ipv4 : ipv6).find(ip.address());

        assertEquals(Optional.of(new AutonomousSystem(number, organization)), found);
    }

    @Test
    void addressesBetweenRangesOrOfTheOtherFamilyAreUnknown() {
        // The file's first ranges are 1.0.0.0-1.0.0.255 and 1.0.4.0-1.0.7.255.
        assertEquals(Optional.empty(), ipv4.find(IpAddress.parse("1.0.1.0").orElseThrow().address()));
        assertEquals(Optional.empty(), ipv4.find(IpAddress.parse("0.255.255.255").orElseThrow().address()));
        assertEquals(Optional.empty(), ipv4.find(IpAddress.parse("2001:4860::1").orElseThrow().address()));
        assertEquals(Optional.empty(), ipv6.find(IpAddress.parse("8.8.8.8").orElseThrow().address()));
    }

    @Test
    void theHighestAddressesAreComparedUnsigned(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("asn.csv");
        Files.writeString(file, "1.0.0.0,1.255.255.255,1,Low\n200.0.0.0,255.255.255.255,2,High\n");

        AsnTable table = read(file);

        assertEquals(2, table.find(IpAddress.parse("255.255.255.255").orElseThrow().address()).orElseThrow()
                .number());
        assertEquals(1, table.find(IpAddress.parse("1.2.3.4").orElseThrow().address()).orElseThrow().number());
    }

    @Test
    void eachOrganizationsNameIsKeptOnce() {
        AutonomousSystem first = ipv4.find(IpAddress.parse("8.8.8.8").orElseThrow().address()).orElseThrow();
        AutonomousSystem second = ipv4.find(IpAddress.parse("8.8.4.4").orElseThrow().address()).orElseThrow();

        assertTrue(first.organization() == second.organization());
        assertTrue(ipv4.size() > 400_000, "ranges: " + ipv4.size());
    }

    @Test
    void aLineThatIsNotARangeFailsWithItsNumber(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("asn.csv");
        Files.writeString(file, "1.0.0.0,1.0.0.255,13335,Cloudflare\n<html>\n");

        IOException error = assertThrows(IOException.class, () -> AsnCsv.read(file));

        assertEquals("line 2 is not start,end,asn,organization", error.getMessage());
    }
}
