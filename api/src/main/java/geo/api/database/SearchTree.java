package geo.api.database;

import com.maxmind.db.Metadata;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Which record of an MMDB file holds an address, found by walking the file's search tree as MaxMind's reader does
 * (the MaxMind DB format 2.0), without decoding the record. The reader decodes a record on every look-up, most of its
 * cost; knowing the record's place first lets an answer made once for a record serve every address that shares it.
 */
final class SearchTree {

    /** What {@link #recordOf} gives for an address the file has no record for. */
    static final long NO_RECORD = -1;

    private final ByteBuffer tree;
    private final long nodeCount;
    private final int recordSize;
    private final boolean ipv6;
    /** Where IPv4 addresses start in an IPv6 tree: the node after 96 zero bits (::/96). */
    private final long ipv4Start;

    private SearchTree(ByteBuffer tree, long nodeCount, int recordSize, boolean ipv6) {
        this.tree = tree;
        this.nodeCount = nodeCount;
        this.recordSize = recordSize;
        this.ipv6 = ipv6;
        long node = 0;
        for (int bit = 0; ipv6 && bit < 96 && node < nodeCount; bit++) {
            node = child(node, 0);
        }
        this.ipv4Start = node;
    }

    /**
     * Maps the search tree of {@code file}, whose metadata the reader has already read and checked. The tree is read
     * through its own mapping of the file: the same pages of the page cache as the reader's.
     */
    static SearchTree of(Path file, Metadata metadata) throws IOException {
        int recordSize = metadata.recordSize();
        if (recordSize != 24 && recordSize != 28 && recordSize != 32) {
            throw new IOException("its search tree has records of " + recordSize + " bits, not 24, 28 or 32");
        }
        long nodeCount = metadata.nodeCount();
        long treeBytes = nodeCount * recordSize / 4;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (treeBytes > Integer.MAX_VALUE || treeBytes > channel.size()) {
                throw new IOException("its search tree of " + nodeCount + " nodes does not fit the file");
            }
            return new SearchTree(channel.map(FileChannel.MapMode.READ_ONLY, 0, treeBytes), nodeCount, recordSize,
                    metadata.ipVersion() == 6);
        }
    }

    /**
     * The record holding {@code address}, as the number its last node points with (the same for every address of the
     * record, different for each record in this file), or {@link #NO_RECORD}.
     */
    long recordOf(InetAddress address) throws IOException {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && !ipv6) {
            throw new IllegalArgumentException("an IPv6 address in an IPv4 database");
        }
        long node = bytes.length == 4 && ipv6 ? ipv4Start : 0;
        int bits = bytes.length * 8;
        for (int bit = 0; bit < bits && node < nodeCount; bit++) {
            node = child(node, (bytes[bit >>> 3] >>> (7 - (bit & 7))) & 1);
        }
        if (node == nodeCount) {
            return NO_RECORD;
        }
        if (node < nodeCount) {
            throw new IOException("the search tree is corrupt: it ends in node " + node + " for " + bits + " bits");
        }
        return node;
    }

    /** Where the node's left (0) or right (1) record points: a node, the empty record, or data. */
    private long child(long node, int side) {
        return switch (recordSize) {
            case 24 -> unsigned(node * 6 + side * 3L, 3);
            case 28 -> {
                long base = node * 7;
                int middle = tree.get((int) base + 3) & 0xFF;
                yield side == 0
                        ? (long) (middle & 0xF0) << 20 | unsigned(base, 3)
                        : (long) (middle & 0x0F) << 24 | unsigned(base + 4, 3);
            }
            default -> unsigned(node * 8 + side * 4L, 4);
        };
    }

    private long unsigned(long at, int length) {
        int index = (int) at;
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value << 8 | (tree.get(index + i) & 0xFF);
        }
        return value;
    }
}
