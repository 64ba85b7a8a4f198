package geo.api.database;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The address ranges of one family with their AS number and organization (ip-location-db's ASN CSV, sorted, not
 * overlapping), searched by halves in one buffer laid out as {@link Layout} says. The buffer is a memory-mapped
 * {@link AsnSnapshot} in production, so the 15 MB of ranges are file pages the kernel shares between replicas and
 * not heap; an IPv4 range costs 16 bytes, an IPv6 range 40, and each organization's name is stored once.
 */
final class AsnTable {

    /**
     * Where everything is in the buffer: a header, then the sections one after the other.
     *
     * <pre>
     *  0  long  MAGIC ("GEOASN" and the layout's version)
     *  8  long  CRC-32C of everything after the header
     * 16  int   family: 4 or 6
     * 20  int   ranges
     * 24  int   organizations
     * 28  int   organizations' bytes
     * 32        starts, then ends: per range 4 bytes (IPv4) or 16 (IPv6), unsigned, big-endian
     *           AS numbers: 4 bytes per range, unsigned
     *           organization of each range: 4 bytes, its index
     *           where each organization's name starts in the names: 4 bytes each, and one more for the end
     *           the names, UTF-8, one after the other
     * </pre>
     */
    static final class Layout {
        static final long MAGIC = 0x47454F41534E0001L;
        static final int HEADER = 32;

        private Layout() {
        }

        static int keyBytes(boolean ipv6) {
            return ipv6 ? 16 : 4;
        }

        static long size(boolean ipv6, int ranges, int organizations, int organizationBytes) {
            return HEADER + (long) ranges * (2L * keyBytes(ipv6) + 8) + 4L * (organizations + 1) + organizationBytes;
        }

        static long checksum(ByteBuffer table) {
            CRC32C crc = new CRC32C();
            crc.update(table.slice(HEADER, table.capacity() - HEADER));
            return crc.getValue();
        }
    }

    private final ByteBuffer table;
    private final boolean ipv6;
    private final int ranges;
    private final int keyBytes;
    private final int starts;
    private final int ends;
    private final int numbers;
    private final int organizationIndex;
    private final int nameStarts;
    private final int names;
    /** Names made into strings as they are first asked, so each organization's is made once and then shared. */
    private final String[] organizations;

    private AsnTable(ByteBuffer table) {
        this.table = table;
        this.ipv6 = table.getInt(16) == 6;
        this.ranges = table.getInt(20);
        this.keyBytes = Layout.keyBytes(ipv6);
        this.starts = Layout.HEADER;
        this.ends = starts + ranges * keyBytes;
        this.numbers = ends + ranges * keyBytes;
        this.organizationIndex = numbers + 4 * ranges;
        this.nameStarts = organizationIndex + 4 * ranges;
        this.organizations = new String[table.getInt(24)];
        this.names = nameStarts + 4 * (organizations.length + 1);
    }

    /**
     * The table in {@code table}, checked: its header, its size and its checksum (which covers what the sections
     * point at); whatever does not fit fails with the reason.
     */
    static AsnTable of(ByteBuffer table) throws IOException {
        if (table.capacity() < Layout.HEADER || table.getLong(0) != Layout.MAGIC) {
            throw new IOException("it is not an ASN table of this version");
        }
        int family = table.getInt(16);
        int ranges = table.getInt(20);
        int organizations = table.getInt(24);
        int organizationBytes = table.getInt(28);
        if ((family != 4 && family != 6) || ranges <= 0 || organizations <= 0 || organizationBytes < 0
                || Layout.size(family == 6, ranges, organizations, organizationBytes) != table.capacity()) {
            throw new IOException("its header does not match its size");
        }
        if (Layout.checksum(table) != table.getLong(8)) {
            throw new IOException("its checksum does not match");
        }
        return new AsnTable(table);
    }

    boolean isIpv6() {
        return ipv6;
    }

    int size() {
        return ranges;
    }

    Optional<AutonomousSystem> find(InetAddress address) {
        byte[] bytes = address.getAddress();
        if ((bytes.length == 16) != ipv6) {
            return Optional.empty();
        }
        long high = ipv6 ? word(bytes, 0) : 0;
        long low = ipv6 ? word(bytes, 8) : Integer.toUnsignedLong(ipv4(bytes));
        int lowest = 0;
        int highest = ranges - 1;
        int found = -1;
        // The last range whose start is at or below the address.
        while (lowest <= highest) {
            int middle = (lowest + highest) >>> 1;
            if (compare(starts, middle, high, low) <= 0) {
                found = middle;
                lowest = middle + 1;
            } else {
                highest = middle - 1;
            }
        }
        if (found < 0 || compare(ends, found, high, low) < 0) {
            return Optional.empty();
        }
        return Optional.of(new AutonomousSystem(Integer.toUnsignedLong(table.getInt(numbers + 4 * found)),
                organization(table.getInt(organizationIndex + 4 * found))));
    }

    /** The key at {@code index} of the section at {@code section} against the address: negative when below it. */
    private int compare(int section, int index, long high, long low) {
        int at = section + index * keyBytes;
        if (!ipv6) {
            return Long.compare(Integer.toUnsignedLong(table.getInt(at)), low);
        }
        int byHigh = Long.compareUnsigned(table.getLong(at), high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(table.getLong(at + 8), low);
    }

    /** A racing second thread may make the same string again; either copy is right, and it is published whole. */
    private String organization(int index) {
        String name = organizations[index];
        if (name == null) {
            int from = table.getInt(nameStarts + 4 * index);
            int to = table.getInt(nameStarts + 4 * index + 4);
            byte[] utf8 = new byte[to - from];
            table.get(names + from, utf8);
            name = new String(utf8, StandardCharsets.UTF_8);
            organizations[index] = name;
        }
        return name;
    }

    static long word(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    static int ipv4(byte[] bytes) {
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }
}
