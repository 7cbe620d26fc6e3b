package org.tao4j.node.blockstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.kv.StorageException;

/**
 * The number and hash of the last committed block, kept in a small file next to RocksDB's own
 * ({@value #FILE} in the database directory), written after every commit.
 *
 * <p>Why: RocksDB's write-ahead log cannot tell a log cut short by damage from one whose last
 * write was torn by a crash, and replaying a damaged log only up to the damage silently rolls the
 * chain back past blocks that were already served as final. This record lives outside the log, so
 * at start-up a database whose head is <em>below</em> the recorded block is known to have lost
 * committed blocks and is refused. It is written after the block's synchronous commit, so after a
 * crash it is at most one block behind the database, never ahead.
 *
 * <p>Format: u64 big-endian number, 32-byte hash, CRC32C of those 40 bytes (u32 big-endian); one
 * 44-byte write at offset 0 (within one disk sector), fsynced when the database syncs its writes.
 */
final class HeadRecord implements AutoCloseable {

    static final String FILE = "TAO_HEAD";
    static final int LENGTH = 8 + 32 + 4;

    record Entry(long number, H256 hash) {}

    private final Path path;
    private final FileChannel channel;
    private final boolean sync;

    private HeadRecord(Path path, FileChannel channel, boolean sync) {
        this.path = path;
        this.channel = channel;
        this.sync = sync;
    }

    static HeadRecord open(Path dbDir, boolean sync) {
        Path p = dbDir.resolve(FILE);
        try {
            return new HeadRecord(
                    p,
                    FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    sync);
        } catch (IOException e) {
            throw new StorageException("cannot open " + p + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /**
     * The recorded head, or null when nothing was recorded yet (a new database, or one written by a
     * version without this record).
     *
     * @throws StorageException if the record is damaged
     */
    Entry read() {
        try {
            long size = channel.size();
            if (size == 0) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.allocate(LENGTH);
            while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
                // read fully
            }
            if (size != LENGTH || buf.hasRemaining()) {
                throw new StorageException(
                        "the head record " + path + " is damaged (" + size + " bytes, expected " + LENGTH + ")");
            }
            buf.flip();
            long number = buf.getLong();
            byte[] hash = new byte[32];
            buf.get(hash);
            int crc = buf.getInt();
            if (crc != crc(number, hash)) {
                throw new StorageException("the head record " + path + " is damaged (checksum mismatch)");
            }
            return new Entry(number, new H256(hash));
        } catch (IOException e) {
            throw new StorageException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    void write(long number, H256 hash) {
        ByteBuffer buf = ByteBuffer.allocate(LENGTH);
        buf.putLong(number).put(hash.bytes()).putInt(crc(number, hash.bytes())).flip();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf, buf.position());
            }
            if (sync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new StorageException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static int crc(long number, byte[] hash) {
        CRC32C c = new CRC32C();
        c.update(ByteBuffer.allocate(8).putLong(number).flip());
        c.update(hash);
        return (int) c.getValue();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do: every write was already forced (or the database does not sync)
        }
    }
}
