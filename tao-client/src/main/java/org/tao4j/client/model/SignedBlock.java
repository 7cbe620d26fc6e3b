package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * A block ({@code chain_getBlock}): header, the author's signature over the header hash, and the
 * included transactions in block order as 0x-hex SCALE.
 */
public record SignedBlock(Header header, String signature, List<String> extrinsics) {

    public SignedBlock {
        extrinsics = List.copyOf(extrinsics);
    }

    /** The hashes of the transactions, in block order (an extrinsic's index is its position here). */
    public List<H256> extrinsicHashes() {
        return extrinsics.stream()
                .map(x -> new H256(Blake2b.hash256(Hex.fromHex(x))))
                .toList();
    }

    /** The position of the transaction with this hash, or -1. */
    public int indexOf(H256 txHash) {
        return extrinsicHashes().indexOf(txHash);
    }

    /** Decodes transaction {@code index}. */
    public Extrinsic extrinsic(int index) {
        return Extrinsic.decode(Hex.fromHex(extrinsics.get(index)));
    }
}
