package org.tao4j.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

class BlockCodecTest {

    @Test
    void blocksRoundTripAndTheSealVerifies() {
        var alice = DevAccounts.keyPair("Alice");
        Extrinsic x = Extrinsic.sign(
                DevAccounts.keyPair("Bob"), 3, 1, 99, new Call.Transfer(DevAccounts.account("Eve"), 5), new byte[32]);
        BlockHeader h = new BlockHeader(
                new H256(new byte[32]),
                7,
                H256.blake2b256(new byte[] {1}),
                ExtrinsicsRoot.of(List.of(x)),
                1234,
                AccountId.of(alice.publicKey()));
        Block b = Block.seal(h, alice, List.of(x));
        Block back = Block.decode(b.encode());
        assertThat(back.header()).isEqualTo(h);
        assertThat(back.extrinsics()).containsExactly(x);
        assertThat(back.signatureValid()).isTrue();
        assertThat(back.hash()).isEqualTo(h.hash());
        assertThat(BlockHeader.decode(h.encode())).isEqualTo(h);
        assertThat(h.encode()).hasSize(BlockHeader.ENCODED_LENGTH);
        assertThat(Block.decodeHeader(b.encode())).isEqualTo(h);
    }

    /** Every event type the runtime defines survives the stored form. */
    @Test
    void everyEventTypeRoundTrips() throws Exception {
        List<Event> events = new ArrayList<>();
        int k = 1;
        for (Class<?> c : Event.class.getPermittedSubclasses()) {
            RecordComponent[] comps = c.getRecordComponents();
            Object[] args = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                k++;
                args[i] = types[i] == AccountId.class
                        ? DevAccounts.account(DevAccounts.NAMES.get(k % 6))
                        : types[i] == long.class
                                ? (Object) (long) (k * 1_000_003L)
                                : types[i] == int.class
                                        ? (Object) k
                                        : types[i] == boolean.class
                                                ? (Object) (k % 2 == 0)
                                                : types[i] == String.class ? "msg " + k : new byte[] {(byte) k, 2, 3};
            }
            events.add((Event) c.getDeclaredConstructor(types).newInstance(args));
        }
        List<Event> back = EventCodec.decode(EventCodec.encode(events));
        assertThat(back).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            assertThat(EventJson.toJson(back.get(i))).isEqualTo(EventJson.toJson(events.get(i)));
        }
    }
}
