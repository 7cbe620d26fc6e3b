package org.tao4j.node.blockstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tao4j.core.kv.KeyValueStore;

class HashOrderTest {

    @Test
    void randomHashesComeOutSortedAndNoneIsLostOrRepeated() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 2, 17, 5_000}) {
            List<byte[]> hashes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] h = new byte[32];
                rnd.nextBytes(h);
                hashes.add(h);
            }
            List<byte[]> sorted = PreparedState.inHashOrder(hashes, h -> h);
            List<byte[]> expected = new ArrayList<>(hashes);
            expected.sort(KeyValueStore.KEY_ORDER);
            assertThat(sorted).hasSize(n).containsExactlyElementsOf(expected); // same objects, hash order
        }
    }

    @Test
    void hashesSharingTheirFirst40BitsKeepTheirListOrderAndHighBytesSortUnsigned() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        byte[] c = new byte[32];
        Arrays.fill(a, (byte) 0x11);
        Arrays.fill(b, (byte) 0x11);
        b[31] = 0; // same 40-bit prefix as a, sorts before it by full hash, but comes after it in the list
        c[0] = (byte) 0xF0; // above 0x7F: must sort last, not first
        List<byte[]> sorted = PreparedState.inHashOrder(List.of(c, a, b), h -> h);
        assertThat(sorted).containsExactly(a, b, c);
    }
}
