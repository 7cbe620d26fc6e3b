package org.tao4j.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.Hex;

class AccountIdTest {
    private static final String ALICE_HEX = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";

    @Test
    void convertsBetweenForms() {
        AccountId alice = AccountId.fromHex(ALICE_HEX);
        assertThat(alice.toHex()).isEqualTo(ALICE_HEX);
        assertThat(alice.toSs58()).isEqualTo("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        assertThat(alice).hasToString("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
        assertThat(AccountId.fromSs58("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"))
                .isEqualTo(alice);
    }

    @Test
    void wrapsEd25519PublicKeys() {
        Ed25519.KeyPair kp = Ed25519.KeyPair.fromSeed(
                Hex.fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        AccountId id = AccountId.of(kp.publicKey());
        assertThat(id.toHex()).isEqualTo("0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(id.toPublicKey()).isEqualTo(kp.publicKey());
        byte[] msg = {1, 2, 3};
        assertThat(Ed25519.verify(id.toPublicKey(), msg, kp.sign(msg))).isTrue();
    }

    @Test
    void validatesAndCopies() {
        assertThatThrownBy(() -> new AccountId(new byte[33]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account id needs 32 bytes, got 33");
        assertThatThrownBy(() -> new AccountId(null)).hasMessage("account id needs 32 bytes, got null");
        byte[] raw = new byte[32];
        AccountId id = new AccountId(raw);
        raw[0] = 1;
        id.bytes()[0] = 1;
        assertThat(id).isEqualTo(new AccountId(new byte[32])).hasSameHashCodeAs(new AccountId(new byte[32]));
    }

    @Test
    void ordersUnsignedBytewise() {
        byte[] hi = new byte[32];
        hi[0] = (byte) 0xff;
        byte[] lo = new byte[32];
        lo[31] = 1;
        assertThat(new AccountId(lo)).isLessThan(new AccountId(hi));
        assertThat(new AccountId(new byte[32])).isLessThan(new AccountId(lo));
    }
}
