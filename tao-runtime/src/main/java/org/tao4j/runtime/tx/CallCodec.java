package org.tao4j.runtime.tx;

import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;

/**
 * SCALE encoding of {@link Call}: a module byte, a call byte, then the arguments in order. Netuids
 * and uids are u16, amounts u64 (compact), u16 vectors compact-length-prefixed. Decoding rejects
 * unknown modules and calls, values out of range, and nesting deeper than one level
 * ({@code sudo(propose(..))} is refused; {@code proxy(real, ..)} may wrap one such level, outermost only).
 */
public final class CallCodec {

    /** Decoding bound on a children list; the runtime allows 5 and refuses more with a typed error. */
    static final int MAX_CHILDREN_ENCODED = 16;

    private CallCodec() {}

    public static byte[] encode(Call call) {
        ScaleWriter w = new ScaleWriter();
        write(w, call);
        return w.toByteArray();
    }

    public static void write(ScaleWriter w, Call call) {
        switch (call) {
            case Call.Transfer c -> w.u8(1).u8(0).fixedBytes(c.dest().bytes()).compact(c.amount());
            case Call.TransferAll c -> w.u8(1).u8(1).fixedBytes(c.dest().bytes());
            case Call.RegisterNetwork c -> w.u8(2).u8(0).fixedBytes(c.hotkey().bytes());
            case Call.SetHyperparameter c ->
                w.u8(2).u8(1).u16(c.netuid()).u8(c.param().id()).u64(c.value());
            case Call.BurnedRegister c ->
                w.u8(3).u8(0).u16(c.netuid()).fixedBytes(c.hotkey().bytes());
            case Call.ServeAxon c ->
                w.u8(3)
                        .u8(1)
                        .u16(c.netuid())
                        .bytes(c.ip())
                        .u16(c.port())
                        .u8(c.ipType())
                        .u8(c.protocol())
                        .u32(c.version());
            case Call.SetWeights c -> {
                w.u8(4).u8(0).u16(c.netuid());
                u16s(w, c.dests());
                u16s(w, c.values());
                w.u64(c.versionKey());
            }
            case Call.CommitWeights c -> w.u8(4).u8(1).u16(c.netuid()).fixedBytes(c.hash());
            case Call.RevealWeights c -> {
                w.u8(4).u8(2).u16(c.netuid());
                u16s(w, c.dests());
                u16s(w, c.values());
                w.bytes(c.salt()).u64(c.versionKey());
            }
            case Call.AddStake c -> w.u8(5).u8(0).fixedBytes(c.hotkey().bytes()).compact(c.amount());
            case Call.RemoveStake c ->
                w.u8(5).u8(1).fixedBytes(c.hotkey().bytes()).compact(c.amount());
            case Call.DecreaseTake c ->
                w.u8(5).u8(2).fixedBytes(c.hotkey().bytes()).u32(c.takePpm());
            case Call.IncreaseTake c ->
                w.u8(5).u8(3).fixedBytes(c.hotkey().bytes()).u32(c.takePpm());
            case Call.MoveStake c ->
                w.u8(5)
                        .u8(4)
                        .fixedBytes(c.originHotkey().bytes())
                        .fixedBytes(c.destinationHotkey().bytes())
                        .compact(c.amount());
            case Call.TransferStake c ->
                w.u8(5)
                        .u8(5)
                        .fixedBytes(c.destinationColdkey().bytes())
                        .fixedBytes(c.hotkey().bytes())
                        .compact(c.amount());
            case Call.UnstakeAll c -> {
                w.u8(5).u8(6);
                if (c.hotkey() == null) {
                    w.u8(0);
                } else {
                    w.u8(1).fixedBytes(c.hotkey().bytes());
                }
            }
            case Call.SetChildren c -> {
                w.u8(8)
                        .u8(0)
                        .fixedBytes(c.hotkey().bytes())
                        .u16(c.netuid())
                        .compact(c.children().size());
                for (Call.Child ch : c.children()) {
                    w.u64(ch.proportion()).fixedBytes(ch.child().bytes());
                }
            }
            case Call.SetChildkeyTake c ->
                w.u8(8).u8(1).fixedBytes(c.hotkey().bytes()).u16(c.netuid()).u32(c.takePpm());
            case Call.RootRegister c -> w.u8(6).u8(0).fixedBytes(c.hotkey().bytes());
            case Call.SetRootWeights c -> {
                w.u8(6).u8(1);
                u16s(w, c.netuids());
                u16s(w, c.values());
            }
            case Call.Propose c -> {
                w.u8(7).u8(0);
                write(w, c.call());
            }
            case Call.Vote c -> w.u8(7).u8(1).u64(c.proposalId()).bool(c.aye());
            case Call.Sudo c -> {
                w.u8(7).u8(2);
                write(w, c.call());
            }
            case Call.SetGlobalParameter c -> w.u8(7).u8(3).u8(c.param().id()).u64(c.value());
            case Call.SetSubnetParameter c ->
                w.u8(7).u8(4).u16(c.netuid()).u8(c.param().id()).u64(c.value());
            case Call.SwapHotkey c ->
                w.u8(9)
                        .u8(0)
                        .fixedBytes(c.oldHotkey().bytes())
                        .fixedBytes(c.newHotkey().bytes());
            case Call.AnnounceColdkeySwap c -> w.u8(9).u8(1).fixedBytes(c.newColdkeyHash());
            case Call.SwapColdkey c -> w.u8(9).u8(2).fixedBytes(c.newColdkey().bytes());
            case Call.DisputeColdkeySwap c -> w.u8(9).u8(3);
            case Call.DecideColdkeySwap c ->
                w.u8(9)
                        .u8(4)
                        .fixedBytes(c.coldkey().bytes())
                        .fixedBytes(c.newColdkey().bytes())
                        .bool(c.approve());
            case Call.AddProxy c ->
                w.u8(10)
                        .u8(0)
                        .fixedBytes(c.delegate().bytes())
                        .u8(c.type().id())
                        .u32(c.delay());
            case Call.RemoveProxy c ->
                w.u8(10).u8(1).fixedBytes(c.delegate().bytes()).u8(c.type().id());
            case Call.RemoveProxies c -> w.u8(10).u8(2);
            case Call.Proxy c -> {
                w.u8(10).u8(3).fixedBytes(c.real().bytes());
                write(w, c.call());
            }
            case Call.AnnounceProxy c ->
                w.u8(10).u8(4).fixedBytes(c.real().bytes()).fixedBytes(c.callHash());
            case Call.Commit c -> w.u8(11).u8(0).u16(c.netuid()).bytes(c.data());
            case Call.OpenChannel c ->
                w.u8(13)
                        .u8(0)
                        .fixedBytes(c.gateway().bytes())
                        .u16(c.netuid())
                        .compact(c.deposit())
                        .u64(c.expiresAt());
            case Call.TopUpChannel c ->
                w.u8(13)
                        .u8(1)
                        .fixedBytes(c.channel().bytes())
                        .compact(c.amount())
                        .u64(c.expiresAt());
            case Call.ClaimChannel c ->
                w.u8(13)
                        .u8(2)
                        .fixedBytes(c.channel().bytes())
                        .compact(c.cumulativeAmount())
                        .fixedBytes(c.signature());
            case Call.CloseChannel c -> w.u8(13).u8(3).fixedBytes(c.channel().bytes());
        }
    }

    private static void u16s(ScaleWriter w, int[] xs) {
        w.compact(xs.length);
        for (int x : xs) {
            w.u16(x);
        }
    }

    /** Decodes a call; malformed input throws {@link ScaleException} with a one-line reason. */
    public static Call read(ScaleReader r) {
        return read(r, 0, false);
    }

    /**
     * {@code depth}: calls nest one level (sudo, propose). A proxy does not count as a level, so that
     * {@code proxy(real, sudo(call))} decodes, but it may appear only outermost and only once.
     */
    private static Call read(ScaleReader r, int depth, boolean insideProxy) {
        int module = r.readU8();
        int index = r.readU8();
        return switch (module) {
            case 1 ->
                switch (index) {
                    case 0 -> new Call.Transfer(account(r), r.readCompact());
                    case 1 -> new Call.TransferAll(account(r));
                    default -> throw unknown(r, module, index);
                };
            case 2 ->
                switch (index) {
                    case 0 -> new Call.RegisterNetwork(account(r));
                    case 1 -> new Call.SetHyperparameter(r.readU16(), hyperparameter(r), r.readU64());
                    default -> throw unknown(r, module, index);
                };
            case 3 ->
                switch (index) {
                    case 0 -> new Call.BurnedRegister(r.readU16(), account(r));
                    case 1 -> {
                        int netuid = r.readU16();
                        byte[] ip = r.readBytes();
                        if (ip.length != 4 && ip.length != 16) {
                            throw new ScaleException(r.position(), "an IP address is 4 or 16 bytes, got " + ip.length);
                        }
                        yield new Call.ServeAxon(netuid, ip, r.readU16(), r.readU8(), r.readU8(), r.readU32());
                    }
                    default -> throw unknown(r, module, index);
                };
            case 4 ->
                switch (index) {
                    case 0 -> new Call.SetWeights(r.readU16(), u16s(r), u16s(r), r.readU64());
                    case 1 -> new Call.CommitWeights(r.readU16(), r.readFixedBytes(32));
                    case 2 -> new Call.RevealWeights(r.readU16(), u16s(r), u16s(r), r.readBytes(), r.readU64());
                    default -> throw unknown(r, module, index);
                };
            case 5 ->
                switch (index) {
                    case 0 -> new Call.AddStake(account(r), r.readCompact());
                    case 1 -> new Call.RemoveStake(account(r), r.readCompact());
                    case 2 -> new Call.DecreaseTake(account(r), take(r));
                    case 3 -> new Call.IncreaseTake(account(r), take(r));
                    case 4 -> new Call.MoveStake(account(r), account(r), r.readCompact());
                    case 5 -> new Call.TransferStake(account(r), account(r), r.readCompact());
                    case 6 -> {
                        int tag = r.readU8();
                        if (tag > 1) {
                            throw new ScaleException(r.position(), "an optional hotkey starts with 0 or 1, got " + tag);
                        }
                        yield new Call.UnstakeAll(tag == 0 ? null : account(r));
                    }
                    default -> throw unknown(r, module, index);
                };
            case 8 ->
                switch (index) {
                    case 0 -> {
                        AccountId hotkey = account(r);
                        int netuid = r.readU16();
                        int len = r.readLength();
                        if (len > MAX_CHILDREN_ENCODED) {
                            throw new ScaleException(
                                    r.position(), "at most " + MAX_CHILDREN_ENCODED + " children, got " + len);
                        }
                        java.util.List<Call.Child> children = new java.util.ArrayList<>(len);
                        for (int k = 0; k < len; k++) {
                            children.add(new Call.Child(r.readU64(), account(r)));
                        }
                        yield new Call.SetChildren(hotkey, netuid, children);
                    }
                    case 1 -> new Call.SetChildkeyTake(account(r), r.readU16(), take(r));
                    default -> throw unknown(r, module, index);
                };
            case 6 ->
                switch (index) {
                    case 0 -> new Call.RootRegister(account(r));
                    case 1 -> new Call.SetRootWeights(u16s(r), u16s(r));
                    default -> throw unknown(r, module, index);
                };
            case 7 ->
                switch (index) {
                    case 0 -> new Call.Propose(nested(r, depth));
                    case 1 -> new Call.Vote(r.readU64(), r.readBool());
                    case 2 -> new Call.Sudo(nested(r, depth));
                    case 3 -> {
                        int id = r.readU8();
                        GlobalParameter g = GlobalParameter.byId(id);
                        if (g == null) {
                            throw new ScaleException(r.position(), "unknown global parameter id " + id);
                        }
                        yield new Call.SetGlobalParameter(g, r.readU64());
                    }
                    case 4 -> new Call.SetSubnetParameter(r.readU16(), hyperparameter(r), r.readU64());
                    default -> throw unknown(r, module, index);
                };
            case 9 ->
                switch (index) {
                    case 0 -> new Call.SwapHotkey(account(r), account(r));
                    case 1 -> new Call.AnnounceColdkeySwap(r.readFixedBytes(32));
                    case 2 -> new Call.SwapColdkey(account(r));
                    case 3 -> new Call.DisputeColdkeySwap();
                    case 4 -> new Call.DecideColdkeySwap(account(r), account(r), r.readBool());
                    default -> throw unknown(r, module, index);
                };
            case 10 ->
                switch (index) {
                    case 0 -> new Call.AddProxy(account(r), proxyType(r), r.readU32());
                    case 1 -> new Call.RemoveProxy(account(r), proxyType(r));
                    case 2 -> new Call.RemoveProxies();
                    case 3 -> {
                        if (depth >= 1 || insideProxy) {
                            throw new ScaleException(
                                    r.position(), "a proxy cannot be nested: proxy(real, call) is outermost");
                        }
                        yield new Call.Proxy(account(r), read(r, depth, true));
                    }
                    case 4 -> new Call.AnnounceProxy(account(r), r.readFixedBytes(32));
                    default -> throw unknown(r, module, index);
                };
            case 11 ->
                switch (index) {
                    case 0 -> {
                        int netuid = r.readU16();
                        byte[] data = r.readBytes();
                        if (data.length > org.tao4j.runtime.keys.Commitments.MAX_BYTES) {
                            throw new ScaleException(
                                    r.position(),
                                    "a commitment is at most " + org.tao4j.runtime.keys.Commitments.MAX_BYTES
                                            + " bytes, got " + data.length);
                        }
                        yield new Call.Commit(netuid, data);
                    }
                    default -> throw unknown(r, module, index);
                };
            case 13 ->
                switch (index) {
                    case 0 -> new Call.OpenChannel(account(r), r.readU16(), r.readCompact(), r.readU64());
                    case 1 -> new Call.TopUpChannel(hash(r), r.readCompact(), r.readU64());
                    case 2 -> {
                        H256 channel = hash(r);
                        long cumulative = r.readCompact();
                        yield new Call.ClaimChannel(channel, cumulative, r.readFixedBytes(64));
                    }
                    case 3 -> new Call.CloseChannel(hash(r));
                    default -> throw unknown(r, module, index);
                };
            default -> throw unknown(r, module, index);
        };
    }

    private static H256 hash(ScaleReader r) {
        return new H256(r.readFixedBytes(32));
    }

    private static Call nested(ScaleReader r, int depth) {
        if (depth >= 1) {
            throw new ScaleException(r.position(), "calls may nest only one level deep");
        }
        return read(r, depth + 1, true);
    }

    private static AccountId account(ScaleReader r) {
        return new AccountId(r.readFixedBytes(32));
    }

    private static int take(ScaleReader r) {
        long t = r.readU32();
        if (t > 1_000_000) {
            throw new ScaleException(r.position(), "a take is parts per million (<= 1000000), got " + t);
        }
        return (int) t;
    }

    private static ProxyType proxyType(ScaleReader r) {
        int id = r.readU8();
        ProxyType t = ProxyType.byId(id);
        if (t == null) {
            throw new ScaleException(r.position(), "unknown proxy type id " + id + " (0-5)");
        }
        return t;
    }

    private static Hyperparameter hyperparameter(ScaleReader r) {
        int id = r.readU8();
        Hyperparameter h = Hyperparameter.byId(id);
        if (h == null) {
            throw new ScaleException(r.position(), "unknown hyperparameter id " + id);
        }
        return h;
    }

    private static int[] u16s(ScaleReader r) {
        int len = r.readLength();
        int[] xs = new int[len];
        for (int k = 0; k < len; k++) {
            xs[k] = r.readU16();
        }
        return xs;
    }

    private static ScaleException unknown(ScaleReader r, int module, int index) {
        return new ScaleException(r.position(), "unknown call " + module + "." + index);
    }
}
