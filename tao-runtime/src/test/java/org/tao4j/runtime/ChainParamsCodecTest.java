package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.runtime.tx.GlobalParameter;

class ChainParamsCodecTest {

    @Test
    void decodingRoundTripsAndFollowsTheBytesItIsGiven() {
        ChainParams dev = ChainParams.dev();
        ChainParams changed = dev.with(GlobalParameter.BASE_FEE, dev.baseFee() + 1);
        byte[] devBytes = dev.encode();
        // alternate, so a kept earlier result would show: each call must answer for its own bytes
        for (int i = 0; i < 3; i++) {
            assertThat(ChainParams.decode(devBytes)).isEqualTo(dev);
            assertThat(ChainParams.decode(changed.encode())).isEqualTo(changed);
        }
        // the bytes passed in may be reused by the caller afterwards: the kept copy is the decoder's own
        byte[] reused = dev.encode();
        assertThat(ChainParams.decode(reused)).isEqualTo(dev);
        byte[] other = changed.encode();
        System.arraycopy(other, 0, reused, 0, other.length);
        assertThat(ChainParams.decode(reused)).isEqualTo(changed);
    }

    @Test
    void truncatedOrOverlongBytesAreRefused() {
        byte[] ok = ChainParams.dev().encode();
        assertThatThrownBy(() -> ChainParams.decode(java.util.Arrays.copyOf(ok, ok.length - 1)))
                .isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> ChainParams.decode(java.util.Arrays.copyOf(ok, ok.length + 1)))
                .isInstanceOf(ScaleException.class);
    }
}
