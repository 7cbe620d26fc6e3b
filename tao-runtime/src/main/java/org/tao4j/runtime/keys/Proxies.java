package org.tao4j.runtime.keys;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.balances.Balances;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.dispatch.Origin;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.ProxyAnnouncement;
import org.tao4j.runtime.schema.ChainState.ProxyDef;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.CallCodec;
import org.tao4j.runtime.tx.ProxyType;

/**
 * Proxies (docs/spec/chain.md §10): a real account lets a delegate make some of its calls. Lists are
 * bounded ({@link #MAX_PROXIES} per real account, {@link #MAX_ANNOUNCEMENTS} per delegate), so a call
 * reads and writes one small value.
 */
public final class Proxies {

    public static final int MAX_PROXIES = 8;
    public static final int MAX_ANNOUNCEMENTS = 8;
    public static final long MAX_DELAY = 216_000;
    /** Recycled by each {@code add_proxy}: 0.01 TAO. */
    public static final long PROXY_FEE = ChainParams.RAO_PER_TAO / 100;

    private Proxies() {}

    /** Blake2-256 of a call's SCALE form: what {@code announce_proxy} carries. */
    public static byte[] callHash(Call call) {
        return Blake2b.hash256(CallCodec.encode(call));
    }

    public static void addProxy(DispatchContext ctx, Call.AddProxy c) {
        ChainState s = ctx.state();
        AccountId real = ctx.signer();
        ensure(!real.equals(c.delegate()), DispatchError.NoSelfProxy, real.toSs58() + " cannot proxy for itself");
        ensure(
                c.delay() >= 0 && c.delay() <= MAX_DELAY,
                DispatchError.ProxyDelayTooLong,
                "delay " + c.delay() + " blocks > " + MAX_DELAY);
        List<ProxyDef> list = new ArrayList<>(s.proxies(real));
        for (ProxyDef p : list) {
            ensure(
                    !(p.delegate().equals(c.delegate()) && p.type() == c.type().id()),
                    DispatchError.DuplicateProxy,
                    c.delegate().toSs58() + " already holds a " + c.type().label()
                            + " proxy; remove it first to change the delay");
        }
        ensure(
                list.size() < MAX_PROXIES,
                DispatchError.TooManyProxies,
                list.size() + " proxies (maximum " + MAX_PROXIES + "); remove one first");
        Balances.withdraw(ctx, real, PROXY_FEE, false);
        Balances.recycle(s, PROXY_FEE);
        ctx.emit(new Event.Recycled("proxy fee", PROXY_FEE));
        list.add(new ProxyDef(c.delegate(), c.type().id(), c.delay()));
        s.setProxies(real, list);
        ctx.emit(new Event.ProxyAdded(real, c.delegate(), c.type().label(), c.delay()));
    }

    public static void removeProxy(DispatchContext ctx, Call.RemoveProxy c) {
        ChainState s = ctx.state();
        AccountId real = ctx.signer();
        List<ProxyDef> list = new ArrayList<>(s.proxies(real));
        boolean removed = list.removeIf(
                p -> p.delegate().equals(c.delegate()) && p.type() == c.type().id());
        ensure(
                removed,
                DispatchError.ProxyNotFound,
                c.delegate().toSs58() + " holds no " + c.type().label() + " proxy for " + real.toSs58());
        s.setProxies(real, list);
        ctx.emit(new Event.ProxyRemoved(real, c.delegate(), c.type().label()));
    }

    public static void removeProxies(DispatchContext ctx, Call.RemoveProxies c) {
        ChainState s = ctx.state();
        AccountId real = ctx.signer();
        List<ProxyDef> list = s.proxies(real);
        ensure(!list.isEmpty(), DispatchError.ProxyNotFound, real.toSs58() + " has no proxies");
        s.setProxies(real, List.of());
        for (ProxyDef p : list) {
            ctx.emit(new Event.ProxyRemoved(
                    real, p.delegate(), ProxyType.byId(p.type()).label()));
        }
    }

    public static void announce(DispatchContext ctx, Call.AnnounceProxy c) {
        ChainState s = ctx.state();
        AccountId delegate = ctx.signer();
        boolean any = false;
        for (ProxyDef p : s.proxies(c.real())) {
            any |= p.delegate().equals(delegate);
        }
        ensure(
                any,
                DispatchError.NotProxy,
                delegate.toSs58() + " is not a proxy of " + c.real().toSs58());
        List<ProxyAnnouncement> list = new ArrayList<>(s.proxyAnnouncements(delegate));
        if (list.size() >= MAX_ANNOUNCEMENTS) {
            list.remove(0);
        }
        list.add(new ProxyAnnouncement(c.real(), c.callHash(), ctx.block()));
        s.setProxyAnnouncements(delegate, list);
        ctx.emit(new Event.ProxyAnnounced(c.real(), delegate, c.callHash()));
    }

    /** {@code proxy(real, call)}: checks the delegate's proxy and runs {@code call} with {@code real} as origin. */
    public static void proxy(DispatchContext ctx, Call.Proxy c) {
        ChainState s = ctx.state();
        AccountId delegate = ctx.signer();
        AccountId real = c.real();
        Call call = c.call();
        List<String> held = new ArrayList<>();
        ProxyDef use = null;
        for (ProxyDef p : s.proxies(real)) {
            if (!p.delegate().equals(delegate)) {
                continue;
            }
            ProxyType t = ProxyType.byId(p.type());
            held.add(t.label());
            if (use == null && t.allows(call)) {
                use = p;
            }
        }
        ensure(!held.isEmpty(), DispatchError.NotProxy, delegate.toSs58() + " is not a proxy of " + real.toSs58());
        ensure(
                use != null,
                DispatchError.ProxyCallFiltered,
                call.getClass().getSimpleName() + " is not allowed by " + String.join(", ", held) + " (the proxies "
                        + delegate.toSs58() + " holds for " + real.toSs58() + ")");
        if (use.delay() > 0) {
            byte[] hash = callHash(call);
            List<ProxyAnnouncement> list = new ArrayList<>(s.proxyAnnouncements(delegate));
            int found = -1;
            long earliest = -1;
            for (int i = 0; i < list.size(); i++) {
                ProxyAnnouncement a = list.get(i);
                if (a.real().equals(real) && Arrays.equals(a.callHash(), hash)) {
                    if (earliest < 0) {
                        earliest = a.block();
                    }
                    if (ctx.block() - a.block() >= use.delay()) {
                        found = i;
                        break;
                    }
                }
            }
            ensure(
                    earliest >= 0,
                    DispatchError.ProxyNotAnnounced,
                    "this proxy has a delay of " + use.delay()
                            + " blocks: announce the call first (announce_proxy with its hash)");
            ensure(
                    found >= 0,
                    DispatchError.ProxyAnnouncementTooRecent,
                    "announced at block " + earliest + "; executable from block " + (earliest + use.delay()) + ", now "
                            + ctx.block());
            list.remove(found);
            s.setProxyAnnouncements(delegate, list);
        }
        Runtime.dispatch(ctx.as(new Origin.Signed(real)), call);
        ctx.emit(new Event.ProxyExecuted(real, delegate));
    }
}
