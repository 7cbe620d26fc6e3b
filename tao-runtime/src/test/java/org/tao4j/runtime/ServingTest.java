package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.SubnetKit.PARAMS;
import static org.tao4j.runtime.SubnetKit.failure;
import static org.tao4j.runtime.SubnetKit.overlay;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.dispatch.DispatchFailure;
import org.tao4j.runtime.dispatch.Origin;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.neurons.IpAddresses;
import org.tao4j.runtime.neurons.Registration;
import org.tao4j.runtime.schema.AxonInfo;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/** docs/spec/chain.md §4 serve_axon. */
class ServingTest {

    private static final byte[] PUBLIC_V4 = {(byte) 203, 0, 113, 7};
    private static final byte[] PUBLIC_V6 = v6("2001:4860:0:0:0:0:0:8888");

    /** Subnet 1 owned by "owner" (hotkey "owner-hk"), with "miner-hk" registered as uid 1; hotkeys are funded. */
    private static TestChain withNeurons() {
        TestChain c = new TestChain(PARAMS, 1_000 * TAO, "owner", "owner-hk", "miner", "miner-hk", "stranger");
        c.ok("owner", new Call.RegisterNetwork(id("owner-hk")));
        c.ok("miner", new Call.BurnedRegister(1, id("miner-hk")));
        return c;
    }

    private static Call.ServeAxon serve(byte[] ip, int port, int ipType) {
        return new Call.ServeAxon(1, ip, port, ipType, 4, 7);
    }

    private static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    private static byte[] v6(String text) {
        String[] parts = text.split(":");
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            int v = Integer.parseInt(parts[i], 16);
            out[2 * i] = (byte) (v >>> 8);
            out[2 * i + 1] = (byte) v;
        }
        return out;
    }

    @Test
    void aRegisteredHotkeyServesItsAxon() {
        TestChain c = withNeurons();
        c.ok("miner-hk", serve(PUBLIC_V4, 8091, 4)); // block 3
        AxonInfo a = c.state().neuron(1, 1).axon();
        assertThat(a).isEqualTo(new AxonInfo(PUBLIC_V4, 8091, 4, 4, 7, 3));
        assertThat(a.ipText()).isEqualTo("203.0.113.7");
        assertThat(c.events()).contains(new Event.AxonServed(1, id("miner-hk")));

        c.ok("owner-hk", new Call.ServeAxon(1, PUBLIC_V6, 65_535, 6, 0, 0));
        assertThat(c.state().neuron(1, 0).axon()).isEqualTo(new AxonInfo(PUBLIC_V6, 65_535, 6, 0, 0, 4));
        // the rest of the neuron is unchanged
        assertThat(c.state().neuron(1, 1).withAxon(null))
                .isEqualTo(org.tao4j.runtime.schema.NeuronInfo.fresh(id("miner-hk"), 2));
    }

    @Test
    void aDevChainAcceptsLoopbackAndPrivateAddresses() {
        TestChain c = withNeurons();
        c.ok("miner-hk", serve(v4(127, 0, 0, 1), 8091, 4));
        c.ok("owner-hk", serve(v4(192, 168, 1, 20), 8091, 4));
        assertThat(c.state().neuron(1, 1).axon().ipText()).isEqualTo("127.0.0.1");
        assertThat(c.state().neuron(1, 0).axon().ipText()).isEqualTo("192.168.1.20");
    }

    @Test
    void invalidServeCallsAreRefused() {
        TestChain c = withNeurons();
        Object[][] cases = {
            {"miner-hk", serve(PUBLIC_V4, 8091, 5), "InvalidIpType: ip_type 5"},
            {"miner-hk", serve(PUBLIC_V6, 8091, 4), "InvalidIpType: ip_type 4 needs a 4-byte address, got 16 bytes"},
            {"miner-hk", serve(PUBLIC_V4, 8091, 6), "InvalidIpType: ip_type 6 needs a 16-byte address, got 4 bytes"},
            {"miner-hk", serve(PUBLIC_V4, 0, 4), "InvalidPort: port 0"},
            {
                "miner-hk",
                serve(v4(0, 0, 0, 0), 8091, 4),
                "InvalidIpAddress: the unspecified address 0.0.0.0 is not an endpoint"
            },
            {
                "miner-hk",
                serve(v4(255, 255, 255, 255), 8091, 4),
                "InvalidIpAddress: the broadcast address 255.255.255.255 is not an endpoint"
            },
            {
                "miner-hk",
                serve(v4(224, 0, 0, 1), 8091, 4),
                "InvalidIpAddress: 224.0.0.1 is a multicast address (224.0.0.0/4), not an endpoint"
            },
            {"miner-hk", serve(new byte[16], 8091, 6), "InvalidIpAddress: the unspecified address :: is not an endpoint"
            },
            {
                "miner-hk",
                serve(v6("ff02:0:0:0:0:0:0:1"), 8091, 6),
                "InvalidIpAddress: a multicast address (ff00::/8) is not an endpoint"
            },
            {
                "miner",
                serve(PUBLIC_V4, 8091, 4),
                "NotRegistered: hotkey " + id("miner")
                        + " has no uid on subnet 1 (serve_axon is signed by the neuron's hotkey)"
            },
            {"stranger", serve(PUBLIC_V4, 8091, 4), "NotRegistered"},
            {"miner-hk", new Call.ServeAxon(9, PUBLIC_V4, 8091, 4, 0, 0), "SubnetNotFound: netuid 9"},
        };
        List<Extrinsic> txs = new ArrayList<>();
        for (Object[] k : cases) {
            txs.add(c.tx((String) k[0], (Call) k[1]));
        }
        List<ApplyResult> rs = c.block(txs.toArray(Extrinsic[]::new));
        for (int i = 0; i < cases.length; i++) {
            ApplyResult.Included r = (ApplyResult.Included) rs.get(i);
            assertThat(r.message()).as("case %d", i).startsWith((String) cases[i][2]);
        }
        assertThat(c.state().neuron(1, 1).axon()).isNull();
        assertThat(SubnetKit.events(c, Event.AxonServed.class)).isEmpty();
    }

    @Test
    void anAxonIsServedAtMostOncePerServingRateLimit() {
        TestChain c = withNeurons();
        assertThat(c.state().hyperparams(1).servingRateLimit()).isEqualTo(50);
        c.ok("miner-hk", serve(PUBLIC_V4, 8091, 4)); // block 3
        assertThat(c.fails("miner-hk", serve(PUBLIC_V4, 8092, 4), "ServingRateLimited")
                        .message())
                .isEqualTo("ServingRateLimited: 49 blocks left (rate limit 50)");
        c.advance(47); // 5..51
        assertThat(c.fails("miner-hk", serve(PUBLIC_V4, 8092, 4), "ServingRateLimited")
                        .message())
                .endsWith("1 blocks left (rate limit 50)"); // block 52
        assertThat(c.state().neuron(1, 1).axon().port()).isEqualTo(8091);
        c.ok("miner-hk", serve(PUBLIC_V4, 8092, 4)); // block 53 = 3 + 50
        assertThat(c.state().neuron(1, 1).axon()).isEqualTo(new AxonInfo(PUBLIC_V4, 8092, 4, 4, 7, 53));
        // the limit is per neuron
        c.ok("owner-hk", serve(PUBLIC_V4, 8092, 4));
    }

    @Test
    void aLiveChainRefusesAddressesTheInternetCannotReach() {
        TestChain c = withNeurons();
        long block = c.number() + 1;
        byte[][] refusedV4 = {
            v4(127, 0, 0, 1), v4(127, 255, 1, 2), v4(10, 1, 2, 3), v4(172, 16, 0, 1), v4(172, 31, 255, 255),
            v4(192, 168, 0, 1), v4(169, 254, 1, 1), v4(100, 64, 0, 1), v4(0, 1, 2, 3), v4(240, 0, 0, 1),
        };
        byte[][] refusedV6 = {
            v6("0:0:0:0:0:0:0:1"),
            v6("fe80:0:0:0:0:0:0:1"),
            v6("fd00:0:0:0:0:0:0:1"),
            v6("fc00:0:0:0:0:0:0:1"),
            v6("fec0:0:0:0:0:0:0:1"),
            v6("0:0:0:0:0:ffff:7f00:1"),
            v6("0:0:0:0:0:ffff:a00:1"),
        };
        for (byte[] ip : refusedV4) {
            assertRefusedLive(c, block, serve(ip, 8091, 4));
        }
        for (byte[] ip : refusedV6) {
            assertRefusedLive(c, block, serve(ip, 8091, 6));
        }
        DispatchFailure f = liveFailure(c, block, serve(v4(127, 0, 0, 1), 8091, 4));
        assertThat(f.display()).isEqualTo("InvalidIpAddress: loopback 127.0.0.1 is refused on a live chain");
        assertThat(liveFailure(c, block, serve(v6("0:0:0:0:0:0:0:1"), 8091, 6)).display())
                .isEqualTo("InvalidIpAddress: loopback ::1 is refused on a live chain");

        byte[][] acceptedV4 = {PUBLIC_V4, v4(8, 8, 8, 8), v4(172, 32, 0, 1), v4(100, 128, 0, 1), v4(11, 0, 0, 1)};
        for (byte[] ip : acceptedV4) {
            DispatchContext ctx = liveContext(c, block);
            Registration.serveAxon(ctx, serve(ip, 8091, 4));
            assertThat(ctx.state().neuron(1, 1).axon().ip()).isEqualTo(ip);
        }
        for (byte[] ip : new byte[][] {PUBLIC_V6, v6("0:0:0:0:0:ffff:808:808")}) {
            DispatchContext ctx = liveContext(c, block);
            Registration.serveAxon(ctx, serve(ip, 8091, 6));
            assertThat(ctx.state().neuron(1, 1).axon().ip()).isEqualTo(ip);
        }
    }

    @Test
    void addressRulesOutsideTheRuntime() {
        assertThat(IpAddresses.refusal(v4(127, 0, 0, 1), false)).isNull();
        assertThat(IpAddresses.refusal(v4(127, 0, 0, 1), true)).contains("loopback");
        assertThat(IpAddresses.refusal(v4(172, 15, 0, 1), true)).isNull();
        assertThat(IpAddresses.refusal(v4(172, 16, 0, 1), true)).contains("private");
        assertThat(IpAddresses.refusal(v4(0, 0, 0, 0), false)).contains("unspecified");
        assertThat(IpAddresses.refusal(v6("0:0:0:0:0:ffff:7f00:1"), true)).endsWith("(IPv4-mapped)");
        assertThat(IpAddresses.refusal(new byte[5], false)).contains("4 or 16 bytes");
    }

    /** A context for {@code block} on a copy of the chain's state marked live, signed by miner-hk. */
    private static DispatchContext liveContext(TestChain c, long block) {
        DispatchContext ctx = overlay(c, new Origin.Signed(id("miner-hk")), block);
        ctx.state().setLive(true);
        return ctx;
    }

    private static DispatchFailure liveFailure(TestChain c, long block, Call.ServeAxon call) {
        return failure(() -> Registration.serveAxon(liveContext(c, block), call));
    }

    private static void assertRefusedLive(TestChain c, long block, Call.ServeAxon call) {
        assertThat(liveFailure(c, block, call).error())
                .as("%s", java.util.Arrays.toString(call.ip()))
                .isEqualTo(DispatchError.InvalidIpAddress);
        // the same address is fine on a dev chain
        DispatchContext dev = overlay(c, new Origin.Signed(id("miner-hk")), block);
        Registration.serveAxon(dev, call);
        assertThat(dev.state().neuron(1, 1).axon()).isNotNull();
    }
}
