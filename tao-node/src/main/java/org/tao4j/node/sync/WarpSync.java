package org.tao4j.node.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.production.Chain;
import org.tao4j.runtime.StateRoot;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.trie.UpdateResult;

/**
 * Warp sync (docs/network.md): instead of re-running every block from genesis, download the whole state
 * of a recent finalized block in chunks ({@code sync_getStateChunk}), recompute its state root with the
 * runtime's Merkle tree, and start from that block if the root equals the one in its justified header.
 *
 * <p>Trust: the block's justification is checked against the <em>genesis</em> authority set (the node
 * holds no other state yet), and the downloaded state must hold that same set; a chain whose authority
 * set changed since genesis is refused with a one-line reason (proofs of set changes are not
 * implemented: sync such a chain in full mode).
 *
 * <p>Bounds: chunks of at most {@link WarpPoints#MAX_CHUNK_ENTRIES} entries; the whole state at most
 * {@link #MAX_STATE_BYTES} bytes of keys and values (held in memory while its root is computed).
 */
final class WarpSync {

    private static final Logger LOG = LoggerFactory.getLogger(WarpSync.class);

    /** The largest state a warp sync accepts (keys and values). */
    static final long MAX_STATE_BYTES = 1L << 30;
    /** The longest key accepted in a chunk. */
    static final int MAX_KEY_BYTES = 1_024;

    private final Chain chain;
    private final PeerClient peer;

    WarpSync(Chain chain, PeerClient peer) {
        this.chain = chain;
        this.peer = peer;
    }

    void run(JsonNode hello) throws PeerClient.PeerException {
        JsonNode w = hello.path("warp");
        if (!w.isObject()) {
            LOG.warn("sync peer {} offers no state to warp to (yet); syncing in full from genesis", peer);
            return;
        }
        long number = w.path("number").asLong(-1);
        H256 hash;
        try {
            hash = H256.fromHex(w.path("hash").asText());
        } catch (RuntimeException e) {
            throw new PeerClient.PeerException("offered a warp block with a malformed hash");
        }
        if (number < 1) {
            LOG.info("sync peer {} offers the genesis state only; syncing in full", peer);
            return;
        }
        long t0 = System.nanoTime();
        JsonNode r = peer.call("sync_getBlocks", number, 1);
        JsonNode b = r.path("blocks").path(0);
        Block block;
        Justification j;
        try {
            block = Block.decode(Hex.fromHex(b.path("block").asText()));
            j = Justification.decode(Hex.fromHex(b.path("justification").asText()));
        } catch (RuntimeException e) {
            throw new PeerClient.PeerException("served a malformed warp block #" + number + " or its justification: "
                    + PeerClient.clip(String.valueOf(e.getMessage())));
        }
        if (!block.hash().equals(hash) || block.number() != number) {
            throw new PeerClient.PeerException("served block #" + block.number() + " " + block.hash()
                    + " for its warp block #" + number + " " + hash);
        }
        if (!j.blockHash().equals(hash) || j.number() != number) {
            throw new PeerClient.PeerException("served a bad block: block #" + number + " " + hash
                    + ": the justification is over another block (#" + j.number() + " " + j.blockHash() + ")");
        }
        List<AccountId> genesisSet = chain.headState().authorities();
        try {
            j.check(chain.genesisHash(), genesisSet);
        } catch (Justification.Invalid e) {
            throw new PeerClient.PeerException("served a bad block: " + e.getMessage());
        }
        // the state, chunk by chunk
        MemoryKeyValueStore state = new MemoryKeyValueStore();
        byte[] start = new byte[0];
        byte[] last = null;
        long bytes = 0;
        long entries = 0;
        int chunks = 0;
        while (true) {
            JsonNode c = peer.call("sync_getStateChunk", hash.toHex(), Hex.toHex(start), WarpPoints.MAX_CHUNK_ENTRIES);
            JsonNode es = c.path("entries");
            if (!es.isArray() || es.size() > WarpPoints.MAX_CHUNK_ENTRIES) {
                throw new PeerClient.PeerException("answered sync_getStateChunk with a malformed or oversized chunk");
            }
            for (JsonNode e : es) {
                byte[] k;
                byte[] v;
                try {
                    k = Hex.fromHex(e.path(0).asText());
                    v = Hex.fromHex(e.path(1).asText());
                } catch (RuntimeException x) {
                    throw new PeerClient.PeerException("served a malformed state entry");
                }
                if (k.length > MAX_KEY_BYTES
                        || Arrays.compareUnsigned(k, start) < 0
                        || (last != null && Arrays.compareUnsigned(k, last) <= 0)) {
                    throw new PeerClient.PeerException(
                            "served state entries out of order or outside the range asked for");
                }
                bytes += k.length + v.length;
                if (bytes > MAX_STATE_BYTES) {
                    throw new PeerClient.PeerException(
                            "served a state over " + MAX_STATE_BYTES + " bytes, the warp bound");
                }
                state.put(k, v);
                last = k;
                entries++;
            }
            chunks++;
            JsonNode next = c.path("next");
            if (next.isNull() || next.isMissingNode()) {
                break;
            }
            byte[] n;
            try {
                n = Hex.fromHex(next.asText());
            } catch (RuntimeException x) {
                throw new PeerClient.PeerException("answered sync_getStateChunk with a malformed next key");
            }
            if (last == null || Arrays.compareUnsigned(n, last) <= 0) {
                throw new PeerClient.PeerException("answered sync_getStateChunk with a next key that does not advance");
            }
            start = n;
        }
        MemoryKeyValueStore nodes = new MemoryKeyValueStore();
        UpdateResult root = StateRoot.ofWholeState(nodes, state);
        H256 computed = new H256(root.root());
        if (!computed.equals(block.header().stateRoot())) {
            throw new PeerClient.PeerException("served a bad state for block #" + number + ": its " + entries
                    + " entries give state root " + computed + ", the justified header says "
                    + block.header().stateRoot());
        }
        List<AccountId> set = new ChainState(state).authorities();
        if (!set.equals(genesisSet)) {
            throw new PeerClient.PeerException("cannot warp to block #" + number + ": the authority set changed since"
                    + " genesis, and warp sync checks justifications against the genesis set only; use --sync full");
        }
        TreeMap<byte[], byte[]> all = new TreeMap<>(KeyValueStore.KEY_ORDER);
        state.forEachWithPrefix(new byte[0], all::put);
        TreeMap<byte[], byte[]> nodeMap = new TreeMap<>(KeyValueStore.KEY_ORDER);
        nodes.forEachWithPrefix(new byte[0], nodeMap::put);
        chain.warpTo(block, all, nodeMap, j);
        LOG.info(
                "warp sync: state of block #{} {} ({} entries, {} bytes, {} chunks) matches its justified state root;"
                        + " took {} ms; following from there",
                number,
                hash,
                entries,
                bytes,
                chunks,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
