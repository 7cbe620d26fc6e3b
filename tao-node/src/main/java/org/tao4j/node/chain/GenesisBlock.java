package org.tao4j.node.chain;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.runtime.Genesis;
import org.tao4j.runtime.StateRoot;
import org.tao4j.runtime.trie.UpdateResult;

/**
 * Block 0 of a chain spec: the genesis state built by {@link Genesis#build}, its state root, and a
 * header that every node derives identically — zero parent, zero extrinsics root, timestamp 0,
 * the zero author, and a zero signature (nobody seals the genesis). Its hash is the chain's genesis
 * hash, which every transaction signature commits to.
 *
 * @param state every key of the genesis state
 * @param nodes every node of its state tree
 */
public record GenesisBlock(Block block, SortedMap<byte[], byte[]> state, SortedMap<byte[], byte[]> nodes) {

    public static GenesisBlock of(ChainSpec spec) {
        Genesis.Config config = spec.genesisConfig();
        MemoryKeyValueStore kv = new MemoryKeyValueStore();
        Genesis.build(kv, config);
        MemoryKeyValueStore nodes = new MemoryKeyValueStore();
        UpdateResult root = StateRoot.ofWholeState(nodes, kv);
        TreeMap<byte[], byte[]> state = new TreeMap<>(KeyValueStore.KEY_ORDER);
        kv.forEachWithPrefix(new byte[0], state::put);
        TreeMap<byte[], byte[]> nodeMap = new TreeMap<>(KeyValueStore.KEY_ORDER);
        nodes.forEachWithPrefix(new byte[0], nodeMap::put);
        BlockHeader header =
                new BlockHeader(H256.ZERO, 0, new H256(root.root()), H256.ZERO, 0, new AccountId(new byte[32]));
        return new GenesisBlock(new Block(header, new byte[64], List.of()), state, nodeMap);
    }

    public H256 hash() {
        return block.hash();
    }
}
