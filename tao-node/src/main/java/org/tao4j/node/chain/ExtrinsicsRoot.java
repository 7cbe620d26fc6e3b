package org.tao4j.node.chain;

import java.util.ArrayList;
import java.util.List;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.H256;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * The extrinsics root of a header: a binary Merkle tree over the extrinsic hashes (Blake2b-256 of
 * each encoded extrinsic), in block order.
 *
 * <ul>
 *   <li>no extrinsic: 32 zero bytes;
 *   <li>each level pairs neighbours as {@code Blake2b-256(0x01 || left || right)}; an odd last
 *       node is carried up unchanged;
 *   <li>the root is the one node left (so one extrinsic's root is its hash).
 * </ul>
 * The 0x01 tag keeps an inner node from being passed off as an extrinsic hash.
 */
public final class ExtrinsicsRoot {

    private static final byte[] INNER = {0x01};

    private ExtrinsicsRoot() {}

    public static H256 of(List<Extrinsic> extrinsics) {
        List<byte[]> level = new ArrayList<>(extrinsics.size());
        for (Extrinsic x : extrinsics) {
            level.add(x.hash());
        }
        return ofHashes(level);
    }

    public static H256 ofHashes(List<byte[]> hashes) {
        if (hashes.isEmpty()) {
            return H256.ZERO;
        }
        List<byte[]> level = hashes;
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(Blake2b.hash256(INNER, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return new H256(level.get(0));
    }
}
