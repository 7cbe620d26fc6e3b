package org.tao4j.node.blockstore;

/**
 * The test reference for which state-tree nodes are live, independent of {@link ObsoleteNodes}:
 * every node read while proving each key with {@code SparseMerkleTree.prove}. Shared by the pruning
 * test and the obsolete-nodes properties.
 */
final class ProofPaths {
    private ProofPaths() {}

    /** Reference (independent of ObsoleteNodes): every node on the proof paths of {@code keys}, via SparseMerkleTree.prove. */
    static java.util.Set<org.tao4j.core.crypto.H256> provedPaths(
            org.tao4j.core.kv.KeyValueStore nodes, byte[] root, java.util.Collection<byte[]> keys) {
        java.util.List<byte[]> loaded = new java.util.ArrayList<>();
        org.tao4j.core.kv.KeyValueStore rec = new org.tao4j.core.kv.KeyValueStore() {
            public byte[] get(byte[] k) {
                loaded.add(k.clone());
                return nodes.get(k);
            }

            // a read-only recorder: proving never writes
            public void put(byte[] k, byte[] v) {
                throw new UnsupportedOperationException("proving only reads the tree");
            }

            public void delete(byte[] k) {
                throw new UnsupportedOperationException("proving only reads the tree");
            }

            public void forEachWithPrefix(byte[] p, java.util.function.BiConsumer<byte[], byte[]> c) {
                throw new UnsupportedOperationException("proving only reads the tree");
            }

            public void write(org.tao4j.core.kv.WriteBatch b) {
                throw new UnsupportedOperationException("proving only reads the tree");
            }
        };
        var tree = new org.tao4j.runtime.trie.SparseMerkleTree(rec);
        java.util.Set<org.tao4j.core.crypto.H256> out = new java.util.HashSet<>();
        for (byte[] k : keys) {
            loaded.clear();
            tree.prove(root, k);
            loaded.forEach(h -> out.add(new org.tao4j.core.crypto.H256(h)));
        }
        return out;
    }
}
