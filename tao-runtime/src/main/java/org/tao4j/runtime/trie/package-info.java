/**
 * The state commitment: a compact binary sparse Merkle tree over the runtime's key-value state.
 * See {@code docs/state-root.md} for the structure and why it was chosen.
 */
package org.tao4j.runtime.trie;
