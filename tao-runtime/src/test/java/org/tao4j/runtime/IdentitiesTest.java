package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.runtime.TestChain.id;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.keys.Identities;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.CallCodec;
import org.tao4j.runtime.tx.ProxyType;

/** docs/spec/chain.md §12: set_identity and set_subnet_identity through real signed blocks. */
class IdentitiesTest {

    static final Call.Identity ALICE = new Call.Identity(
            "Alice’s validator ✓",
            "https://alice.example",
            "alice/val",
            "https://alice.example/a.png",
            "alice#1",
            "We validate subnet 1.");

    static TestChain chain() {
        TestChain c = new TestChain("alice", "bob", "carol", "val", "m1");
        c.ok("alice", new Call.RegisterNetwork(id("val")));
        return c;
    }

    static Call.Identity named(String name) {
        return new Call.Identity(name, "", "", "", "", "");
    }

    @Test
    void aColdkeySetsReplacesAndClearsItsIdentityPayingTheFeeOnlyToSet() {
        TestChain c = chain();
        long recycled = c.state().totalRecycled();
        long before = c.free("bob");
        ApplyResult.Included r = c.ok("bob", new Call.SetIdentity(ALICE));
        assertThat(c.state().identity(id("bob"))).isEqualTo(ALICE);
        assertThat(c.events())
                .contains(
                        new Event.IdentitySet(id("bob")), new Event.Recycled("identity fee", Identities.IDENTITY_FEE));
        assertThat(c.free("bob")).isEqualTo(before - r.fee() - Identities.IDENTITY_FEE);
        assertThat(c.state().totalRecycled()).isEqualTo(recycled + r.fee() + Identities.IDENTITY_FEE);

        // replacing pays again; no rate limit
        before = c.free("bob");
        r = c.ok("bob", new Call.SetIdentity(named("bob")));
        assertThat(c.state().identity(id("bob")).name()).isEqualTo("bob");
        assertThat(c.free("bob")).isEqualTo(before - r.fee() - Identities.IDENTITY_FEE);

        // clearing: all fields empty, only the transaction fee
        before = c.free("bob");
        r = c.ok("bob", new Call.SetIdentity(Call.Identity.EMPTY));
        assertThat(c.state().identity(id("bob"))).isNull();
        assertThat(c.events()).contains(new Event.IdentityCleared(id("bob")));
        assertThat(c.free("bob")).isEqualTo(before - r.fee());
        c.fails("bob", new Call.SetIdentity(Call.Identity.EMPTY), "IdentityNotFound");
    }

    @Test
    void theOwnerSetsItsSubnetsIdentityAndItGoesWithTheSubnet() {
        TestChain c = chain();
        Call.Identity sn = new Call.Identity("Text prompting", "https://sn1.example", "org/sn1", "", "", "LLMs");
        c.ok("alice", new Call.SetSubnetIdentity(1, sn));
        assertThat(c.state().subnetIdentity(1)).isEqualTo(sn);
        assertThat(c.events()).contains(new Event.SubnetIdentitySet(1));
        c.ok("alice", new Call.SetSubnetIdentity(1, Call.Identity.EMPTY));
        assertThat(c.state().subnetIdentity(1)).isNull();
        assertThat(c.events()).contains(new Event.SubnetIdentityCleared(1));
        c.fails("alice", new Call.SetSubnetIdentity(1, Call.Identity.EMPTY), "IdentityNotFound");

        c.ok("alice", new Call.SetSubnetIdentity(1, sn));
        c.state().removeSubnet(1);
        assertThat(c.state().subnetIdentity(1)).isNull();
    }

    @Test
    void refusals() {
        TestChain c = chain();
        // subnet identity: not the owner, no subnet, root
        c.fails("bob", new Call.SetSubnetIdentity(1, named("mine")), "NotSubnetOwner");
        c.fails("alice", new Call.SetSubnetIdentity(9, named("x")), "SubnetNotFound");
        c.fails("alice", new Call.SetSubnetIdentity(0, named("root")), "CannotChangeRoot");
        // each field's bound, in UTF-8 bytes: 64 bytes of name is fine, 22 three-byte characters (66) are not
        c.ok("bob", new Call.SetIdentity(named("n".repeat(64))));
        ApplyResult.Included r = c.fails("bob", new Call.SetIdentity(named("✓".repeat(22))), "IdentityInvalid");
        assertThat(r.message()).contains("name is 66 bytes; at most 64");
        for (var f : Identities.MAX_BYTES.entrySet()) {
            String over = "x".repeat(f.getValue() + 1);
            Call.Identity id = new Call.Identity(
                    f.getKey().equals("name") ? over : "n",
                    f.getKey().equals("url") ? over : "",
                    f.getKey().equals("github") ? over : "",
                    f.getKey().equals("image") ? over : "",
                    f.getKey().equals("discord") ? over : "",
                    f.getKey().equals("description") ? over : "");
            assertThat(c.fails("bob", new Call.SetIdentity(id), "IdentityInvalid")
                            .message())
                    .contains(f.getKey() + " is " + (f.getValue() + 1) + " bytes");
            assertThat(c.fails("alice", new Call.SetSubnetIdentity(1, id), "IdentityInvalid")
                            .message())
                    .contains(f.getKey());
        }
        // control characters: a newline, and C1 controls
        assertThat(c.fails("bob", new Call.SetIdentity(named("two\nlines")), "IdentityInvalid")
                        .message())
                .contains("control character (U+000A)");
        c.fails("bob", new Call.SetIdentity(new Call.Identity("x", "", "", "", "", "\u0085")), "IdentityInvalid");
        c.fails("bob", new Call.SetIdentity(new Call.Identity("x", "", "", "", "\u007f", "")), "IdentityInvalid");
    }

    @Test
    void anAccountThatCannotPayTheIdentityFeeIsRefused() {
        TestChain c = chain();
        // leave bob with the transaction fee and a little more, but less than the identity fee
        long keep = Identities.IDENTITY_FEE / 2;
        c.ok("bob", new Call.Transfer(id("alice"), c.free("bob") - keep - 10_000_000));
        c.fails("bob", new Call.SetIdentity(named("bob")), "InsufficientBalance");
        assertThat(c.state().identity(id("bob"))).isNull();
    }

    @Test
    void theCodecRefusesTextThatIsNotUtf8AndOversizedFields() {
        Call ok = new Call.SetSubnetIdentity(3, ALICE);
        assertThat(CallCodec.read(new ScaleReader(CallCodec.encode(ok)))).isEqualTo(ok);
        Call ok2 = new Call.SetIdentity(ALICE);
        assertThat(CallCodec.read(new ScaleReader(CallCodec.encode(ok2)))).isEqualTo(ok2);

        byte[] bad = new ScaleWriter()
                .u8(12)
                .u8(0)
                .bytes(new byte[] {(byte) 0xC3, 0x28}) // an invalid two-byte sequence
                .bytes(new byte[0])
                .bytes(new byte[0])
                .bytes(new byte[0])
                .bytes(new byte[0])
                .bytes(new byte[0])
                .toByteArray();
        assertThatThrownBy(() -> CallCodec.read(new ScaleReader(bad))).hasMessageContaining("not valid UTF-8");
        byte[] big = CallCodec.encode(new Call.SetIdentity(new Call.Identity("", "", "", "", "", "x".repeat(1025))));
        assertThatThrownBy(() -> CallCodec.read(new ScaleReader(big))).hasMessageContaining("at most 1024 bytes");
        assertThatThrownBy(() -> new Call.Identity("\uD800", "", "", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> new Call.Identity(null, "", "", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class);
        // both calls are NonTransfer calls for proxies
        assertThat(ProxyType.NON_TRANSFER.allows(ok)).isTrue();
        assertThat(ProxyType.STAKING.allows(ok2)).isFalse();
        assertThat(Blake2b.hash256(CallCodec.encode(ok2))).hasSize(32);
        assertThat("✓".getBytes(StandardCharsets.UTF_8)).hasSize(3);
    }

    @Test
    void theIdentityFollowsTheColdkeyThroughASwapAndANewColdkeyWithOneIsRefused() {
        TestChain c = chain();
        c.ok("bob", new Call.SetIdentity(ALICE));
        // m1 keeps only an identity: no balance, no stake; that alone makes it not fresh
        c.ok("m1", new Call.SetIdentity(named("m1")));
        c.ok("m1", new Call.TransferAll(id("alice")));
        assertThat(c.free("m1")).isZero();
        c.ok("carol", new Call.AnnounceColdkeySwap(Blake2b.hash256(id("m1").bytes())));
        c.ok("bob", new Call.AnnounceColdkeySwap(Blake2b.hash256(id("fresh").bytes())));
        c.advance(20);
        assertThat(c.fails("carol", new Call.SwapColdkey(id("m1")), "ColdkeyInUse")
                        .message())
                .contains("an identity");

        c.ok("bob", new Call.SwapColdkey(id("fresh")));
        assertThat(c.state().identity(id("bob"))).isNull();
        assertThat(c.state().identity(id("fresh"))).isEqualTo(ALICE);
    }
}
