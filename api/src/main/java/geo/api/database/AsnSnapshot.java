package geo.api.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ASN CSV file's {@link AsnTable}, kept in a folder (GEO_DB_WORK) as a file named after the CSV file and its
 * checksum, and memory-mapped. Reading the CSV files takes about a second at start-up and their ranges 20 MiB of
 * heap in every replica; the kept table opens in milliseconds, and its pages are the kernel's to share and reclaim.
 * A replica that finds no table, or a damaged one, reads the CSV file and writes the table for the next start
 * (atomically, so replicas sharing the folder never see half of one); where the folder cannot be written the table
 * stays on the heap.
 */
final class AsnSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(AsnSnapshot.class);
    private static final String SUFFIX = ".asn";

    private AsnSnapshot() {
    }

    /** The table of {@code csv}: the kept one in {@code folder} if it is there and sound, else read and kept. */
    static AsnTable load(Path csv, Optional<Path> folder) throws IOException {
        if (folder.isEmpty()) {
            return AsnTable.of(AsnCsv.read(csv));
        }
        Path kept = folder.get().resolve(csv.getFileName() + "." + checksum(csv) + SUFFIX);
        if (Files.isRegularFile(kept)) {
            try {
                return AsnTable.of(map(kept));
            } catch (IOException e) {
                LOG.warn("event=asn_table_damaged file=\"{}\" reason=\"{}\"", kept, e.getMessage());
            }
        }
        ByteBuffer table = AsnCsv.read(csv);
        try {
            write(table, kept);
            removeOthers(csv, kept);
            return AsnTable.of(map(kept));
        } catch (IOException e) {
            LOG.warn("event=asn_table_not_kept file=\"{}\" reason=\"{}\" held=heap", kept, e.getMessage());
            return AsnTable.of(table);
        }
    }

    /** The CSV file's CRC-32C, in hexadecimal: reading 30 MB through the CPU's CRC instruction takes milliseconds. */
    private static String checksum(Path csv) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(map(csv));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private static MappedByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
    }

    /**
     * Written under a name of this process's own, then renamed over the kept name. The temporary name ends in
     * {@code .new}, which the updater's clean-up removes if a replica dies while writing.
     */
    private static void write(ByteBuffer table, Path kept) throws IOException {
        Files.createDirectories(kept.getParent());
        Path writing = Files.createTempFile(kept.getParent(), "." + kept.getFileName() + ".", ".new");
        try {
            try (FileChannel channel = FileChannel.open(writing, StandardOpenOption.WRITE)) {
                ByteBuffer all = table.duplicate().clear();
                while (all.hasRemaining()) {
                    channel.write(all);
                }
                channel.force(false);
            }
            Files.move(writing, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(writing);
        }
    }

    /** Tables kept for earlier editions of the same CSV file. */
    private static void removeOthers(Path csv, Path kept) {
        String editions = csv.getFileName() + ".*" + SUFFIX;
        try (DirectoryStream<Path> tables = Files.newDirectoryStream(kept.getParent(), editions)) {
            for (Path table : tables) {
                if (!table.getFileName().equals(kept.getFileName())) {
                    Files.deleteIfExists(table);
                }
            }
        } catch (IOException e) {
            LOG.warn("event=asn_table_cleanup_error folder=\"{}\" error=\"{}\"", kept.getParent(), e.getMessage());
        }
    }
}
