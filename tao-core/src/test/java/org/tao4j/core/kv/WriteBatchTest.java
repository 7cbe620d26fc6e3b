package org.tao4j.core.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.core.kv.StoreTestSupport.b;

import org.junit.jupiter.api.Test;

class WriteBatchTest {

    @Test
    void keepsOrderAndCopies() {
        byte[] key = b("k");
        WriteBatch batch = new WriteBatch().put(key, b("v")).delete(key);
        key[0] = 'x';
        assertThat(batch.ops()).containsExactly(new WriteBatch.Put(b("k"), b("v")), new WriteBatch.Delete(b("k")));
        assertThat(batch.size()).isEqualTo(2);
        assertThat(new WriteBatch().isEmpty()).isTrue();
        assertThatThrownBy(() -> batch.ops().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> batch.put(b("k"), null)).isInstanceOf(NullPointerException.class);
    }
}
