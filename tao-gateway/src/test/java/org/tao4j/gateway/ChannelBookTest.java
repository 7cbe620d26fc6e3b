package org.tao4j.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.client.access.ChannelInfo;
import org.tao4j.client.access.VoucherHeader;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.runtime.channels.Voucher;

/**
 * The voucher check on its own, the chain replaced by a map (the checks against a real node are in
 * tao-devnet's GatewayDevnetTest).
 */
class ChannelBookTest {
    static final long PRICE = 100;
    static final int NETUID = 3;
    final byte[] genesis = H256.blake2b256(new byte[] {42}).bytes();
    final Ed25519.KeyPair client = key(1);
    final Ed25519.KeyPair stranger = key(2);
    final AccountId gateway = AccountId.of(key(3).publicKey());
    final AccountId otherGateway = AccountId.of(key(4).publicKey());
    final Map<H256, ChannelInfo> chain = new HashMap<>();
    final AtomicLong head = new AtomicLong(10);
    final AtomicInteger lookups = new AtomicInteger();

    @TempDir
    Path dir;

    ChannelBook book;

    static Ed25519.KeyPair key(int n) {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        return Ed25519.KeyPair.fromSeed(seed);
    }

    H256 open(AccountId gw, long deposit, long expiresAt, int counter) {
        H256 id = Voucher.channelId(AccountId.of(client.publicKey()), gw, counter);
        chain.put(
                id,
                new ChannelInfo(
                        id,
                        AccountId.of(client.publicKey()),
                        gw,
                        null,
                        NETUID,
                        deposit,
                        0,
                        expiresAt,
                        expiresAt + 10,
                        false));
        return id;
    }

    ChannelBook book(int maxChannels) {
        return new ChannelBook(
                id -> {
                    lookups.incrementAndGet();
                    return Optional.ofNullable(chain.get(id));
                },
                gateway,
                NETUID,
                genesis,
                new VoucherStore(dir),
                PRICE,
                maxChannels,
                head::get,
                100);
    }

    VoucherHeader v(Ed25519.KeyPair signer, H256 ch, long amount) {
        return new VoucherHeader(ch, amount, Voucher.sign(signer, genesis, ch, amount));
    }

    @BeforeEach
    void setUp() {
        book = book(8);
    }

    String refused(VoucherHeader v) {
        Refusal r = catchThrowableOfType(Refusal.class, () -> book.admit(v));
        assertThat(r).as("refused").isNotNull();
        return r.status + " " + r.code;
    }

    @Test
    void theNextVoucherMustBeOnePriceOnAndIsStoredBeforeItCounts() throws Exception {
        H256 ch = open(gateway, 1_000, 100, 0);
        ChannelBook.Ticket t = book.admit(v(client, ch, PRICE));
        assertThat(t.charged()).isEqualTo(PRICE);
        book.commit(t);
        assertThat(refused(v(client, ch, PRICE))).isEqualTo("402 voucher_stale"); // replay
        assertThat(refused(v(client, ch, PRICE + 1))).isEqualTo("402 voucher_stale"); // short
        book.commit(book.admit(v(client, ch, 2 * PRICE)));
        // a restarted book reads what was committed
        ChannelBook again = book(8);
        assertThat(again.states()).hasSize(1);
        assertThat(again.states().get(0).accepted()).isEqualTo(2 * PRICE);
        assertThat(again.states().get(0).claimPending).isTrue();
    }

    @Test
    void aReleasedTicketChargesNothing() throws Exception {
        H256 ch = open(gateway, 1_000, 100, 0);
        book.release(book.admit(v(client, ch, PRICE)));
        book.commit(book.admit(v(client, ch, PRICE))); // the same amount again
        assertThat(book.states().get(0).accepted()).isEqualTo(PRICE);
    }

    @Test
    void everyBadVoucherIsA402WithItsReason() {
        H256 ch = open(gateway, 1_000, 100, 0);
        H256 other = open(otherGateway, 1_000, 100, 1);
        assertThat(refused(v(stranger, ch, PRICE))).isEqualTo("402 bad_signature");
        assertThat(refused(v(client, other, PRICE))).isEqualTo("402 wrong_gateway");
        assertThat(refused(v(client, H256.blake2b256(new byte[] {9}), PRICE))).isEqualTo("402 channel_unknown");
        // a signature for another chain
        VoucherHeader foreign = new VoucherHeader(ch, PRICE, Voucher.sign(client, new byte[32], ch, PRICE));
        assertThat(refused(foreign)).isEqualTo("402 bad_signature");
        assertThat(book.size())
                .as("no state kept for vouchers not signed by a channel's client")
                .isZero();
        assertThat(refused(v(client, ch, 1_001))).isEqualTo("402 over_deposit");
        head.set(101);
        assertThat(refused(v(client, ch, PRICE))).isEqualTo("402 channel_expired");
    }

    @Test
    void aClaimOnChainRaisesTheFloor() throws Exception {
        H256 ch = open(gateway, 1_000, 100, 0);
        ChannelInfo i = chain.get(ch);
        chain.put(ch, new ChannelInfo(ch, i.client(), i.gateway(), null, NETUID, 1_000, 500, 100, 110, false));
        assertThat(refused(v(client, ch, 500))).isEqualTo("402 voucher_stale");
        assertThat(book.admit(v(client, ch, 600)).charged()).isEqualTo(PRICE);
    }

    @Test
    void aHeldChannelIsNotReadPerQueryButATopUpIsSeen() throws Exception {
        H256 ch = open(gateway, 3 * PRICE, 100, 0);
        book.commit(book.admit(v(client, ch, PRICE)));
        int before = lookups.get();
        book.commit(book.admit(v(client, ch, 2 * PRICE)));
        head.incrementAndGet();
        book.commit(book.admit(v(client, ch, 3 * PRICE)));
        assertThat(lookups.get()).as("no chain read per query").isEqualTo(before);
        // over the deposit: read again, still over
        assertThat(refused(v(client, ch, 4 * PRICE))).isEqualTo("402 over_deposit");
        assertThat(lookups.get()).isEqualTo(before + 1);
        // a top-up (deposit and expiry) is seen on the next voucher that needs it
        ChannelInfo i = chain.get(ch);
        chain.put(ch, new ChannelInfo(ch, i.client(), i.gateway(), null, NETUID, 10 * PRICE, 0, 200, 210, false));
        head.set(150);
        book.commit(book.admit(v(client, ch, 4 * PRICE)));
    }

    @Test
    void channelsHeldAreBounded() throws Exception {
        ChannelBook small = book(2);
        for (int i = 0; i < 2; i++) {
            H256 ch = open(gateway, 1_000, 100, i);
            small.commit(small.admit(v(client, ch, PRICE)));
        }
        H256 third = open(gateway, 1_000, 100, 2);
        Refusal r = catchThrowableOfType(Refusal.class, () -> small.admit(v(client, third, PRICE)));
        assertThat(r.status).isEqualTo(503);
        assertThat(r.code).isEqualTo("gateway_full");
    }

    @Test
    void oneQueryPerChannelAtATime() throws Exception {
        H256 ch = open(gateway, 1_000, 100, 0);
        ChannelBook.Ticket t = book.admit(v(client, ch, PRICE));
        Thread other = new Thread(() -> {
            Refusal r = catchThrowableOfType(Refusal.class, () -> book.admit(v(client, ch, 2 * PRICE)));
            assertThat(r.code).isEqualTo("channel_busy");
        });
        other.start();
        other.join();
        book.commit(t);
    }
}
