package org.tao4j.core.kv;

/**
 * The underlying storage failed (I/O error, corruption, lock held, closed store, missing node).
 *
 * <p>Unchecked because no caller in the runtime can do anything useful with a storage failure
 * except abort the block and surface the message; the message therefore says what went wrong and,
 * where known, what the operator should do about it. Lives in tao-core, next to {@link
 * KeyValueStore}, so the runtime can catch it without depending on a particular backend.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
