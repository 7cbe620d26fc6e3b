package org.tao4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.client.TestNodes.TAO;
import static org.tao4j.client.TestNodes.id;
import static org.tao4j.client.TestNodes.key;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.client.model.Channel;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.Node;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Call;

/** The client's payment-channel methods (docs/access.md) on a real --dev node (instant sealing). */
class ChannelsClientTest {

    static Node node;
    static TaoClient client;

    @BeforeAll
    static void setUp() throws Exception {
        node = TestNodes.instant();
        client = TaoClient.connect(TestNodes.ws(node), TestNodes.fastOptions());
    }

    @AfterAll
    static void tearDown() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    static TxOutcome.Finalized ok(TxBuilder b) {
        TxOutcome o = b.submitAndWatch().await(Duration.ofSeconds(30));
        assertThat(o).isInstanceOf(TxOutcome.Finalized.class);
        assertThat(o.isSuccess()).as("%s", o).isTrue();
        return (TxOutcome.Finalized) o;
    }

    @Test
    void openClaimAndReadChannelsThroughTheClient() {
        ok(client.tx(key("Alice"), new Call.RegisterNetwork(id("Dave"))));
        int netuid = client.subnets().stream()
                .filter(s -> s.ownerHotkey().equals(id("Dave")))
                .findFirst()
                .orElseThrow()
                .netuid();
        H256 predicted = client.nextChannelId(id("Charlie"), id("Dave"));
        long expires = client.head().number() + 100;
        TxOutcome.Finalized f = ok(client.openChannel(key("Charlie"), id("Dave"), netuid, 2 * TAO, expires));
        List<ChainEvent> opened = f.eventsOfType("ChannelOpened");
        assertThat(opened).hasSize(1);
        assertThat(((Event.ChannelOpened) opened.get(0).event()).channel()).isEqualTo(predicted.bytes());

        ok(client.topUpChannel(key("Charlie"), predicted, TAO, expires + 10));
        byte[] sig = client.signVoucher(key("Charlie"), predicted, TAO);
        long alice0 = client.balance(id("Alice")).free();
        ok(client.claimChannel(key("Dave"), predicted, TAO, sig));
        // the gateway hotkey's owner (Alice) is paid
        assertThat(client.balance(id("Alice")).free()).isGreaterThanOrEqualTo(alice0 + TAO);

        Channel c = client.channel(predicted).orElseThrow();
        assertThat(c.client()).isEqualTo(id("Charlie"));
        assertThat(c.gateway()).isEqualTo(id("Dave"));
        assertThat(c.gatewayColdkey()).isEqualTo(id("Alice"));
        assertThat(c.deposit()).isEqualTo(3 * TAO);
        assertThat(c.claimed()).isEqualTo(TAO);
        assertThat(c.remaining()).isEqualTo(2 * TAO);
        assertThat(c.expiresAt()).isEqualTo(expires + 10);
        assertThat(c.closed()).isFalse();
        assertThat(client.channel(H256.ZERO)).isEmpty();

        H256 second = client.nextChannelId(id("Charlie"), id("Dave"));
        assertThat(second).isNotEqualTo(predicted);
        ok(client.openChannel(key("Charlie"), id("Dave"), netuid, TAO, expires));
        assertThat(client.channels(id("Charlie"), null, null))
                .extracting(Channel::id)
                .containsExactlyInAnyOrder(predicted, second);
        List<Channel> page = client.channels(id("Dave"), null, 1);
        assertThat(page).hasSize(1);
        assertThat(client.channels(id("Dave"), page.get(0).id(), 10)).hasSize(1);
        assertThat(client.allChannels(id("Dave"), 10)).hasSize(2);
        assertThat(client.allChannels(id("Dave"), 1)).hasSize(1);

        // a refused close comes back as the chain's typed error
        TxOutcome early =
                client.closeChannel(key("Charlie"), predicted).submitAndWatch().await(Duration.ofSeconds(30));
        assertThat(((TxOutcome.Finalized) early).error()).isEqualTo("ChannelNotClosable");
    }
}
