package org.tao4j.sdk.chain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tao4j.core.account.AccountId;

/**
 * A hotkey's commitment on a subnet (docs/spec/chain.md §11): what a miner published (a model's hash,
 * an address), the uid it holds and the block it was set at.
 */
public record Commitment(int uid, AccountId hotkey, long block, byte[] data) {
    public Commitment {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The data as UTF-8 text, or null when it is not valid UTF-8. */
    public String text() {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Commitment c
                && uid == c.uid
                && block == c.block
                && hotkey.equals(c.hotkey)
                && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + uid;
    }
}
