package org.tao4j.rocksdb;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link RocksKeyValueStoreTest}: opens a database, says "ready", and holds
 * it open (and its lock) until its stdin closes.
 */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws IOException {
        try (RocksKeyValueStore store = RocksKeyValueStore.open(Path.of(args[0]))) {
            store.put(new byte[] {1}, new byte[] {1});
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to close our stdin
            }
        }
    }
}
