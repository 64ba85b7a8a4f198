package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.net.IpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ASN table kept in GEO_DB_WORK: written once, mapped by every later start, rebuilt when anything is off. */
class AsnSnapshotTest {

    private static final String CSV = """
            1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."
            1.0.4.0,1.0.7.255,38803,Wirefreebroadband Pty Ltd
            8.8.4.0,8.8.8.255,15169,Google LLC
            9.9.9.0,9.9.9.255,19281,Quad9 "The" Resolver
            200.0.0.0,255.255.255.255,4,Zürich Höhe
            """;

    @TempDir
    Path folder;

    private Path csv() throws IOException {
        Path file = folder.resolve("data").resolve("asn-ipv4.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, CSV);
        return file;
    }

    private List<Path> kept(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(work)) {
            return files.sorted().toList();
        }
    }

    private static void assertAnswers(AsnTable table) {
        assertEquals(Optional.of(new AutonomousSystem(13335, "Cloudflare, Inc.")), find(table, "1.0.0.7"));
        assertEquals(Optional.of(new AutonomousSystem(15169, "Google LLC")), find(table, "8.8.8.8"));
        assertEquals(Optional.of(new AutonomousSystem(19281, "Quad9 \"The\" Resolver")), find(table, "9.9.9.9"));
        assertEquals(Optional.of(new AutonomousSystem(4, "Zürich Höhe")), find(table, "255.255.255.255"));
        assertEquals(Optional.empty(), find(table, "1.0.1.0"));
    }

    private static Optional<AutonomousSystem> find(AsnTable table, String address) {
        InetAddress ip = IpAddress.parse(address).orElseThrow().address();
        return table.find(ip);
    }

    @Test
    void theFirstStartWritesTheTableAndTheNextMapsItUnchanged() throws IOException {
        Path csv = csv();
        Path work = folder.resolve("work");

        assertAnswers(AsnSnapshot.load(csv, Optional.of(work)));
        List<Path> written = kept(work);
        assertEquals(1, written.size(), written.toString());
        assertTrue(written.getFirst().getFileName().toString().matches("asn-ipv4\\.csv\\.[0-9a-f]{8}\\.asn"),
                written.toString());
        FileTime writtenAt = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(written.getFirst(), writtenAt);

        assertAnswers(AsnSnapshot.load(csv, Optional.of(work)));
        assertEquals(written, kept(work));
        assertEquals(writtenAt, Files.getLastModifiedTime(written.getFirst()), "the kept table was written again");
    }

    @Test
    void aDamagedTableIsReadAgainFromTheCsvFileAndReplaced() throws IOException {
        Path csv = csv();
        Path work = folder.resolve("work");
        AsnSnapshot.load(csv, Optional.of(work));
        Path table = kept(work).getFirst();
        byte[] bytes = Files.readAllBytes(table);
        bytes[bytes.length - 3] ^= 0x20;
        Files.write(table, bytes);

        assertAnswers(AsnSnapshot.load(csv, Optional.of(work)));
        assertEquals(List.of(table), kept(work));
        byte[] rewritten = Files.readAllBytes(table);
        bytes[bytes.length - 3] ^= 0x20;
        assertArrayEquals(bytes, rewritten);
    }

    @Test
    void aNewEditionOfTheCsvFileGetsItsOwnTableAndTheOldOneGoes() throws IOException {
        Path csv = csv();
        Path work = folder.resolve("work");
        AsnSnapshot.load(csv, Optional.of(work));
        List<Path> first = kept(work);
        Files.writeString(csv, CSV.replace("Google LLC", "Google"));

        AsnTable table = AsnSnapshot.load(csv, Optional.of(work));

        assertEquals(Optional.of(new AutonomousSystem(15169, "Google")), find(table, "8.8.8.8"));
        List<Path> second = kept(work);
        assertEquals(1, second.size(), second.toString());
        assertTrue(!second.equals(first), "the old edition's table is still there: " + second);
    }

    @Test
    void whereTheFolderCannotBeWrittenTheTableStaysOnTheHeap() throws IOException {
        Path csv = csv();
        Path notAFolder = folder.resolve("file");
        Files.writeString(notAFolder, "x");

        assertAnswers(AsnSnapshot.load(csv, Optional.of(notAFolder.resolve("work"))));
        assertAnswers(AsnSnapshot.load(csv, Optional.empty()));
    }

    @Test
    void aBufferThatIsNotATableIsRefusedWithTheReason() {
        ByteBuffer garbage = ByteBuffer.wrap("<html>not a table at all, sorry</html>".getBytes());

        IOException error = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> AsnTable.of(garbage));

        assertEquals("it is not an ASN table of this version", error.getMessage());
    }
}
