package geo.api.database;

import geo.common.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The offline database's files: those {@code GEO_DB} names (files, or folders whose {@code .mmdb} files and
 * ip-location-db ASN CSV files count, in the order of their names), otherwise those of {@code data/} in the working
 * directory, otherwise of the {@code data/} folder of the checkout that geo-api's jar was built in.
 *
 * @param files in the order given: for an address, the first city database that covers its family answers, and the
 *              first ASN database its network
 */
public record DatabaseFiles(List<Path> files) {

    /** The ASN files that scripts/fetch-geodb.sh puts next to the city files. */
    static final List<String> ASN_CSV_FILES = List.of("asn-ipv4.csv", "asn-ipv6.csv");
    private static final String HOW_TO_GET_IT = "run scripts/fetch-geodb.sh, or point GEO_DB at the database";

    public DatabaseFiles {
        files = List.copyOf(files);
        Set<Path> names = new HashSet<>();
        for (Path file : files) {
            if (!names.add(file.getFileName())) {
                throw new ConfigException("GEO_DB names two files called " + file.getFileName() + ": geo-api keeps "
                        + "updates of each under its name, so the names must differ");
            }
        }
    }

    /** Finds the files; a missing one stops start-up with a message that says how to get it. */
    public static DatabaseFiles locate(List<Path> configured) {
        if (!configured.isEmpty()) {
            List<Path> files = new ArrayList<>();
            for (Path path : configured) {
                if (Files.isRegularFile(path)) {
                    files.add(path);
                } else if (Files.isDirectory(path)) {
                    List<Path> inFolder = inFolder(path);
                    if (inFolder.isEmpty()) {
                        throw new ConfigException("GEO_DB folder " + path + " holds no .mmdb file: " + HOW_TO_GET_IT);
                    }
                    files.addAll(inFolder);
                } else {
                    throw new ConfigException("GEO_DB=" + path + " does not exist: " + HOW_TO_GET_IT);
                }
            }
            return new DatabaseFiles(files);
        }
        List<Path> candidates = defaultFolders();
        for (Path folder : candidates) {
            List<Path> files = inFolder(folder);
            if (!files.isEmpty()) {
                return new DatabaseFiles(files);
            }
        }
        throw new ConfigException("The offline database is not in " + candidates + ": " + HOW_TO_GET_IT);
    }

    /** The files, for log lines. */
    public String describe() {
        return String.join(",", files.stream().map(Path::toString).toList());
    }

    /** A folder's {@code .mmdb} files by name, then its ASN CSV files; none when it has no {@code .mmdb} file. */
    private static List<Path> inFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = new ArrayList<>(entries.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".mmdb")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            return List.of();
        }
        ASN_CSV_FILES.stream().map(folder::resolve).filter(Files::isRegularFile).forEach(files::add);
        return files;
    }

    private static List<Path> defaultFolders() {
        List<Path> folders = new ArrayList<>();
        folders.add(Path.of("data").toAbsolutePath().normalize());
        checkoutDataFolder().filter(folder -> !folders.contains(folder)).ifPresent(folders::add);
        return folders;
    }

    /** {@code api/target/geo-api.jar} (or {@code api/target/classes}) lies three levels below the checkout. */
    private static Optional<Path> checkoutDataFolder() {
        CodeSource code = DatabaseFiles.class.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path target = Path.of(code.getLocation().toURI()).getParent();
            Path module = target == null ? null : target.getParent();
            Path checkout = module == null ? null : module.getParent();
            return Optional.ofNullable(checkout).map(folder -> folder.resolve("data").normalize());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException notAFile) {
            return Optional.empty();
        }
    }
}
