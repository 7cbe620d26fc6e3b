package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.GENESIS_HASH;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;
import static org.tao4j.runtime.TestChain.key;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.runtime.channels.Channels;
import org.tao4j.runtime.channels.Voucher;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.CallCodec;
import org.tao4j.runtime.tx.GlobalParameter;
import org.tao4j.runtime.tx.ProxyType;

/**
 * docs/spec/chain.md §12: payment channels through real signed blocks: every call, and every refusal. The
 * gateway is "val" (a hotkey registered on subnet 1, owned by the coldkey "gw"); the client is "carol".
 */
class ChannelsTest {

    static final long GRACE = Channels.CLAIM_GRACE_DEV;

    static TestChain chain() {
        TestChain c = new TestChain("alice", "bob", "carol", "dave", "gw", "val", "val2", "m1", "sudo");
        c.ok("alice", new Call.RegisterNetwork(id("own")));
        c.ok("gw", new Call.BurnedRegister(1, id("val")));
        c.ok("bob", new Call.BurnedRegister(1, id("m1")));
        return c;
    }

    /** Opens a channel from carol to val with {@code deposit} expiring {@code blocks} from now; returns its id. */
    static H256 open(TestChain c, long deposit, int blocks) {
        long counter = c.state().channelCounter(id("carol"));
        c.ok("carol", new Call.OpenChannel(id("val"), 1, deposit, c.number() + blocks));
        return Voucher.channelId(id("carol"), id("val"), counter);
    }

    static Call.ClaimChannel claim(String signer, H256 ch, long cumulative) {
        return new Call.ClaimChannel(ch, cumulative, Voucher.sign(key(signer), GENESIS_HASH, ch, cumulative));
    }

    @Test
    void openTopUpClaimAndCloseMoveEveryRaoWhereTheRulesSay() {
        TestChain c = chain();
        long carol0 = c.free("carol");
        long gw0 = c.free("gw");
        long fees = 0;

        long expires = c.number() + 20;
        ApplyResult.Included r = c.ok("carol", new Call.OpenChannel(id("val"), 1, 3 * TAO, expires));
        fees += r.fee();
        H256 ch = Voucher.channelId(id("carol"), id("val"), 0);
        assertThat(c.events())
                .anyMatch(e -> e instanceof Event.ChannelOpened o
                        && Arrays.equals(o.channel(), ch.bytes())
                        && o.client().equals(id("carol"))
                        && o.gateway().equals(id("val"))
                        && o.netuid() == 1
                        && o.deposit() == 3 * TAO
                        && o.expiresAt() == expires);
        ChainState.Channel st = c.state().channel(ch);
        assertThat(st.deposit()).isEqualTo(3 * TAO);
        assertThat(st.claimed()).isZero();
        assertThat(st.claimDeadline()).isEqualTo(expires + GRACE);
        assertThat(st.closed()).isFalse();
        assertThat(c.state().channelsLocked()).isEqualTo(3 * TAO);
        assertThat(c.free("carol")).isEqualTo(carol0 - fees - 3 * TAO);

        r = c.ok("carol", new Call.TopUpChannel(ch, 2 * TAO, expires + 5));
        fees += r.fee();
        assertThat(c.events())
                .anyMatch(e -> e instanceof Event.ChannelToppedUp t
                        && t.amount() == 2 * TAO
                        && t.deposit() == 5 * TAO
                        && t.expiresAt() == expires + 5);
        assertThat(c.state().channel(ch).expiresAt()).isEqualTo(expires + 5);

        // the gateway hotkey signs the claim; its owning coldkey (gw) is paid, the hotkey pays the fee
        long val0 = c.free("val");
        c.ok("val", claim("carol", ch, TAO));
        assertThat(c.events())
                .anyMatch(e -> e instanceof Event.ChannelClaimed k
                        && k.gateway().equals(id("val"))
                        && k.coldkey().equals(id("gw"))
                        && k.paid() == TAO
                        && k.cumulative() == TAO);
        r = c.ok("val", claim("carol", ch, 4 * TAO)); // only the increment is paid
        assertThat(c.events()).anyMatch(e -> e instanceof Event.ChannelClaimed k && k.paid() == 3 * TAO);
        assertThat(c.free("gw")).isEqualTo(gw0 + 4 * TAO);
        assertThat(c.free("val")).isLessThan(val0);
        assertThat(c.state().channelsLocked()).isEqualTo(TAO);

        // after the claim deadline the client takes back the rest
        c.advance((int) (expires + 5 + GRACE - c.number()));
        r = c.ok("carol", new Call.CloseChannel(ch));
        fees += r.fee();
        assertThat(c.events()).anyMatch(e -> e instanceof Event.ChannelClosed k && k.refund() == TAO);
        assertThat(c.free("carol")).isEqualTo(carol0 - fees - 4 * TAO);
        assertThat(c.state().channel(ch).closed()).isTrue();
        assertThat(c.state().channelsLocked()).isZero();
        assertThat(c.state().openChannels(id("carol"))).isZero();
    }

    @Test
    void idsFollowThePerClientCounterAndTheIndexesListBothSides() {
        TestChain c = chain();
        H256 a = open(c, TAO, 10);
        H256 b = open(c, TAO, 10);
        assertThat(a).isEqualTo(Voucher.channelId(id("carol"), id("val"), 0));
        assertThat(b).isEqualTo(Voucher.channelId(id("carol"), id("val"), 1));
        assertThat(a).isNotEqualTo(b);
        assertThat(c.state().channelCounter(id("carol"))).isEqualTo(2);
        assertThat(c.state().channelIdsOf(id("carol"), null, 100)).containsExactlyInAnyOrder(a, b);
        assertThat(c.state().channelIdsOf(id("val"), null, 100)).containsExactlyInAnyOrder(a, b);
        H256 first = c.state().channelIdsOf(id("carol"), null, 1).get(0);
        assertThat(c.state().channelIdsOf(id("carol"), first, 100)).hasSize(1).doesNotContain(first);
        assertThat(c.state().channelIdsOf(id("dave"), null, 100)).isEmpty();
    }

    @Test
    void openRefusals() {
        TestChain c = chain();
        long at = c.number();
        c.fails("carol", new Call.OpenChannel(id("val"), 1, 0, at + 10), "AmountZero");
        c.fails("carol", new Call.OpenChannel(id("val"), 1, -1, at + 10), "Overflow");
        c.fails("carol", new Call.OpenChannel(id("val"), 0, TAO, at + 10), "CannotChangeRoot");
        c.fails("carol", new Call.OpenChannel(id("val"), 9, TAO, at + 10), "SubnetNotFound");
        c.fails("carol", new Call.OpenChannel(id("dave"), 1, TAO, at + 10), "GatewayNotRegistered");
        c.fails("carol", new Call.OpenChannel(id("val"), 1, TAO, c.number() + 1), "ChannelExpiryInvalid");
        c.fails(
                "carol",
                new Call.OpenChannel(id("val"), 1, TAO, c.number() + 2 + Channels.MAX_DURATION),
                "ChannelExpiryInvalid");
        c.fails("carol", new Call.OpenChannel(id("val"), 1, 10_000_000 * TAO, c.number() + 10), "InsufficientBalance");
        // leaving dust below the existential deposit is refused, not reaped
        long exp = c.number() + 10;
        // a first refused attempt tells the fee of such a transaction (the compact deposit has the same length)
        long fee = c.fails("dave", new Call.OpenChannel(id("val"), 1, c.free("dave") + 1, exp), "InsufficientBalance")
                .fee();
        long free = c.free("dave");
        c.fails("dave", new Call.OpenChannel(id("val"), 1, free - fee - 400, exp), "ExistentialDeposit");
        assertThat(c.state().channels()).isEmpty();
        assertThat(c.state().channelCounter(id("carol"))).isZero();
    }

    @Test
    void aClientHasAtMost64OpenChannels() {
        TestChain c = chain();
        H256 first = null;
        for (int i = 0; i < Channels.MAX_OPEN_PER_CLIENT; i++) {
            H256 id = open(c, 1_000, 3);
            first = first == null ? id : first;
        }
        c.fails("carol", new Call.OpenChannel(id("val"), 1, 1_000, c.number() + 10), "TooManyChannels");
        // closing one frees a place
        c.ok("carol", new Call.CloseChannel(first));
        c.ok("carol", new Call.OpenChannel(id("val"), 1, 1_000, c.number() + 10));
        assertThat(c.state().openChannels(id("carol"))).isEqualTo(Channels.MAX_OPEN_PER_CLIENT);
    }

    @Test
    void topUpRefusals() {
        TestChain c = chain();
        H256 ch = open(c, TAO, 12);
        long exp = c.state().channel(ch).expiresAt();
        c.fails("carol", new Call.TopUpChannel(new H256(new byte[32]), TAO, exp), "UnknownChannel");
        c.fails("dave", new Call.TopUpChannel(ch, TAO, exp), "NotChannelClient");
        c.fails("carol", new Call.TopUpChannel(ch, TAO, exp - 1), "ChannelExpiryInvalid");
        c.fails("carol", new Call.TopUpChannel(ch, 0, exp), "AmountZero");
        c.fails("carol", new Call.TopUpChannel(ch, -1, exp), "Overflow");
        c.fails("carol", new Call.TopUpChannel(ch, 10_000_000 * TAO, exp), "InsufficientBalance");
        c.ok("carol", new Call.TopUpChannel(ch, 0, exp + 1)); // extending alone is a top-up
        c.advance((int) (exp + 1 - c.number()));
        c.fails("carol", new Call.TopUpChannel(ch, TAO, exp + 50), "ChannelExpired");
        c.advance((int) GRACE);
        c.ok("carol", new Call.CloseChannel(ch));
        c.fails("carol", new Call.TopUpChannel(ch, TAO, c.number() + 10), "ChannelAlreadyClosed");
        assertThat(c.state().channel(ch).deposit()).isEqualTo(TAO);
    }

    @Test
    void claimRefusals() {
        TestChain c = chain();
        H256 ch = open(c, 2 * TAO, 6);
        H256 other = open(c, 2 * TAO, 6);
        c.fails("val", claim("carol", new H256(new byte[32]), TAO), "UnknownChannel");
        c.fails("m1", claim("carol", ch, TAO), "NotChannelGateway");
        c.fails("gw", claim("carol", ch, TAO), "NotChannelGateway"); // the owner coldkey is not the gateway
        c.fails("val", claim("carol", ch, 2 * TAO + 1), "VoucherAboveDeposit");
        c.fails("val", claim("carol", ch, -1), "VoucherAboveDeposit");
        c.fails("val", claim("carol", ch, 0), "VoucherNotAboveClaimed");
        // signatures: another key's, another channel's, another chain's, a changed amount
        c.fails("val", claim("dave", ch, TAO), "BadVoucherSignature");
        byte[] forOther = Voucher.sign(key("carol"), GENESIS_HASH, other, TAO);
        c.fails("val", new Call.ClaimChannel(ch, TAO, forOther), "BadVoucherSignature");
        byte[] otherChain = Voucher.sign(key("carol"), new byte[32], ch, TAO);
        c.fails("val", new Call.ClaimChannel(ch, TAO, otherChain), "BadVoucherSignature");
        byte[] forLess = Voucher.sign(key("carol"), GENESIS_HASH, ch, TAO);
        c.fails("val", new Call.ClaimChannel(ch, TAO + 1, forLess), "BadVoucherSignature");
        // a claim, then the same voucher again and an older one: both superseded
        c.ok("val", claim("carol", ch, TAO));
        c.fails("val", claim("carol", ch, TAO), "VoucherNotAboveClaimed");
        c.fails("val", claim("carol", ch, TAO / 2), "VoucherNotAboveClaimed");
        assertThat(c.state().channel(ch).claimed()).isEqualTo(TAO);
        // claims are accepted through the deadline block, then refused
        long deadline = c.state().channel(ch).claimDeadline();
        c.advance((int) (deadline - 1 - c.number()));
        c.ok("val", claim("carol", ch, TAO + 1)); // executes at the deadline block itself
        c.fails("val", claim("carol", ch, TAO + 2), "ChannelExpired");
        c.ok("carol", new Call.CloseChannel(ch));
        c.fails("val", claim("carol", ch, 2 * TAO), "ChannelAlreadyClosed");
        assertThat(c.state().channel(ch).claimed()).isEqualTo(TAO + 1);
    }

    @Test
    void aSwappedAwayGatewayHotkeyCannotBePaidAndTheClientGetsItAllBack() {
        TestChain c = chain();
        H256 ch = open(c, TAO, 6);
        c.ok("gw", new Call.SwapHotkey(id("val"), id("val3")));
        c.fails("val", claim("carol", ch, TAO / 2), "GatewayHasNoOwner");
        c.fails("val2", claim("carol", ch, TAO / 2), "NotChannelGateway"); // any other key
        c.advance((int) (c.state().channel(ch).claimDeadline() - c.number()));
        long before = c.free("carol");
        long fee = c.ok("carol", new Call.CloseChannel(ch)).fee();
        assertThat(c.free("carol")).isEqualTo(before - fee + TAO);
    }

    @Test
    void payoutsKeepTheExistentialDeposit() {
        TestChain c = chain();
        // gw's coldkey is emptied: a claim that would leave it with dust is refused, a larger one is paid
        c.ok("gw", new Call.TransferAll(id("bob")));
        assertThat(c.free("gw")).isZero();
        H256 ch = open(c, TAO, 20);
        c.fails("val", claim("carol", ch, 499), "ExistentialDeposit");
        c.ok("val", claim("carol", ch, 500));
        assertThat(c.free("gw")).isEqualTo(500);
    }

    @Test
    void closeRefusals() {
        TestChain c = chain();
        H256 ch = open(c, TAO, 4);
        c.fails("carol", new Call.CloseChannel(new H256(new byte[32])), "UnknownChannel");
        c.fails("carol", new Call.CloseChannel(ch), "ChannelNotClosable"); // before expiry
        long deadline = c.state().channel(ch).claimDeadline();
        c.advance((int) (deadline - 1 - c.number()));
        c.fails(
                "carol",
                new Call.CloseChannel(ch),
                "ChannelNotClosable"); // at the deadline: the gateway may still claim
        c.fails("dave", new Call.CloseChannel(ch), "NotChannelClient");
        c.fails("val", new Call.CloseChannel(ch), "NotChannelClient");
        c.ok("carol", new Call.CloseChannel(ch));
        c.fails("carol", new Call.CloseChannel(ch), "ChannelAlreadyClosed");
    }

    @Test
    void claimGraceIsAGovernanceParameterAndAChannelKeepsTheOneItOpenedWith() {
        TestChain c = chain();
        H256 before = open(c, TAO, 5);
        c.ok("sudo", new Call.Sudo(new Call.SetGlobalParameter(GlobalParameter.CLAIM_GRACE, 100)));
        assertThat(c.events())
                .anyMatch(e ->
                        e instanceof Event.GlobalParameterSet g && g.name().equals("claim_grace") && g.value() == 100);
        assertThat(Channels.claimGrace(c.state())).isEqualTo(100);
        H256 after = open(c, TAO, 5);
        assertThat(c.state().channel(before).grace()).isEqualTo(GRACE);
        assertThat(c.state().channel(after).grace()).isEqualTo(100);
        c.ok("sudo", new Call.Sudo(new Call.SetGlobalParameter(GlobalParameter.CLAIM_GRACE, 0)));
        assertThat(c.events()).anyMatch(e -> e instanceof Event.Sudid s && !s.ok());
        assertThat(Channels.claimGrace(c.state())).isEqualTo(100);
        c.fails("carol", new Call.SetGlobalParameter(GlobalParameter.CLAIM_GRACE, 5), "NotAllowedToChange");
    }

    @Test
    void aNonTransferProxyMayClaimAndCloseButNotOpenOrTopUp() {
        assertThat(ProxyType.NON_TRANSFER.allows(new Call.OpenChannel(id("val"), 1, 1, 1)))
                .isFalse();
        assertThat(ProxyType.NON_TRANSFER.allows(new Call.TopUpChannel(new H256(new byte[32]), 1, 1)))
                .isFalse();
        assertThat(ProxyType.NON_TRANSFER.allows(new Call.ClaimChannel(new H256(new byte[32]), 1, new byte[64])))
                .isTrue();
        assertThat(ProxyType.NON_TRANSFER.allows(new Call.CloseChannel(new H256(new byte[32]))))
                .isTrue();
        TestChain c = chain();
        c.ok("carol", new Call.AddProxy(id("dave"), ProxyType.NON_TRANSFER, 0));
        c.fails(
                "dave",
                new Call.Proxy(id("carol"), new Call.OpenChannel(id("val"), 1, TAO, c.number() + 10)),
                "ProxyCallFiltered");
        c.ok("carol", new Call.AddProxy(id("dave"), ProxyType.ANY, 0));
        c.ok("dave", new Call.Proxy(id("carol"), new Call.OpenChannel(id("val"), 1, TAO, c.number() + 10)));
        assertThat(c.state().channel(Voucher.channelId(id("carol"), id("val"), 0)))
                .isNotNull();
    }

    @Test
    void callsRoundTripThroughTheCodecWithTheDocumentedLayout() {
        H256 ch = H256.blake2b256("x".getBytes(StandardCharsets.US_ASCII));
        Call[] calls = {
            new Call.OpenChannel(id("val"), 3, 5 * TAO, 1_234),
            new Call.TopUpChannel(ch, TAO, 99),
            new Call.ClaimChannel(ch, 77, Voucher.sign(key("carol"), GENESIS_HASH, ch, 77)),
            new Call.CloseChannel(ch)
        };
        for (int i = 0; i < calls.length; i++) {
            byte[] b = CallCodec.encode(calls[i]);
            assertThat(b[0]).isEqualTo((byte) 13);
            assertThat(b[1]).isEqualTo((byte) i);
            assertThat(CallCodec.read(new ScaleReader(b))).isEqualTo(calls[i]);
        }
        // 13.3 is the module, the index and the 32-byte id, nothing else
        assertThat(CallCodec.encode(calls[3])).hasSize(34);
        // 13.0: gateway(32) | u16 netuid (LE) | compact deposit | u64 expiresAt (LE)
        byte[] open = CallCodec.encode(calls[0]);
        assertThat(Arrays.copyOfRange(open, 2, 34)).isEqualTo(id("val").bytes());
        assertThat(open[34]).isEqualTo((byte) 3);
        assertThat(open[35]).isEqualTo((byte) 0);
    }

    @Test
    void voucherBytesAreTheDocumentedOnes() {
        H256 ch = Voucher.channelId(id("carol"), id("val"), 0);
        byte[] p = Voucher.payload(GENESIS_HASH, ch, 0x0102);
        byte[] tag = "tao4j/voucher".getBytes(StandardCharsets.US_ASCII);
        assertThat(p).hasSize(tag.length + 72);
        assertThat(Arrays.copyOfRange(p, 0, tag.length)).isEqualTo(tag);
        assertThat(Arrays.copyOfRange(p, tag.length, tag.length + 32)).isEqualTo(GENESIS_HASH);
        assertThat(Arrays.copyOfRange(p, tag.length + 32, tag.length + 64)).isEqualTo(ch.bytes());
        assertThat(Arrays.copyOfRange(p, tag.length + 64, tag.length + 72))
                .isEqualTo(new byte[] {2, 1, 0, 0, 0, 0, 0, 0});
        byte[] ctr = new byte[8];
        ctr[0] = 5;
        assertThat(Voucher.channelId(id("carol"), id("val"), 5))
                .isEqualTo(H256.blake2b256(
                        "tao4j/channel".getBytes(StandardCharsets.US_ASCII),
                        id("carol").bytes(),
                        id("val").bytes(),
                        ctr));
        byte[] sig = Voucher.sign(key("carol"), GENESIS_HASH, ch, 10);
        assertThat(Voucher.verify(id("carol"), GENESIS_HASH, ch, 10, sig)).isTrue();
        assertThat(Voucher.verify(id("carol"), GENESIS_HASH, ch, 11, sig)).isFalse();
        assertThat(Voucher.verify(id("dave"), GENESIS_HASH, ch, 10, sig)).isFalse();
        assertThat(Voucher.verify(id("carol"), GENESIS_HASH, ch, 10, new byte[10]))
                .isFalse();
        assertThat(Voucher.verify(id("carol"), GENESIS_HASH, ch, 10, null)).isFalse();
    }
}
