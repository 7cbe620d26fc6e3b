package org.tao4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.client.model.MetagraphField;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.Node;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Call;

/** The examples of docs/client.md, compiled and run against a --dev node. */
class DocExamplesTest {

    @Test
    void theDocumentedExamplesWork() throws Exception {
        try (Node node = TestNodes.instant()) {
            List<String> log = new CopyOnWriteArrayList<>();
            try (TaoClient client = TaoClient.connect(Networks.resolve(TestNodes.ws(node).toString()),
                    ClientOptions.defaults(), e -> log.add(e.getClass().getSimpleName()))) {
                client.addConnectionListener(e -> {
                    switch (e) {
                        case ConnectionEvent.Connected c -> log.add(c.reconnected() ? "reconnected" : "connected");
                        case ConnectionEvent.Disconnected d -> log.add("lost " + d.uri());
                        case ConnectionEvent.Reconnecting r -> log.add("retrying in " + r.delay());
                        case ConnectionEvent.Closed c -> log.add("closed");
                    }
                });
                AccountId bob = TestNodes.id("Bob");
                List<String> spinner = new ArrayList<>();
                TxHandle h = client.tx(TestNodes.key("Alice"), new Call.Transfer(bob, 5 * 1_000_000_000L))
                        .tip(0).validity(64).submitAndWatch(status -> spinner.add(status.stage()));
                TxOutcome outcome = h.await();
                String line = switch (outcome) {
                    case TxOutcome.Finalized f when f.success() ->
                            String.format("in block #%d %s, fee %d rao", f.blockNumber(), f.blockHash(), f.fee());
                    case TxOutcome.Finalized f ->
                            String.format("failed: %s: %s (fee %d rao charged)", f.error(), f.errorMessage(), f.fee());
                    case TxOutcome.Dropped d -> "dropped: " + d.reason();
                };
                assertThat(line).startsWith("in block #1 ");

                List<String> transfers = new ArrayList<>();
                for (ChainEvent ev : client.events(((TxOutcome.Finalized) outcome).blockHash()).events()) {
                    if (ev.event() instanceof Event.Transfer t) {
                        transfers.add(t.from() + " → " + t.to() + ": " + t.amount());
                    }
                }
                assertThat(transfers).hasSize(1);

                MetagraphView mg = client.metagraph(0, EnumSet.of(MetagraphField.HOTKEYS, MetagraphField.STAKE,
                        MetagraphField.INCENTIVE, MetagraphField.AXONS));
                for (int uid = 0; uid < mg.n(); uid++) {
                    log.add(uid + " " + mg.hotkeys().get(uid) + " " + mg.stake()[uid] + " " + mg.incentive()[uid]);
                }
                assertThat(mg.consensus()).isNull();
            }
            assertThat(log).startsWith("Connected").contains("closed");
        }
    }
}
