package org.tao4j.runtime.keys;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.balances.Balances;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Call;

/**
 * {@code set_identity} and {@code set_subnet_identity} (docs/spec/chain.md §12): bounded, one-line
 * UTF-8 text, paid for with a recycled fee; all fields empty clears.
 */
public final class Identities {

    /** Recycled by each identity that is set (not by clearing): 0.1 TAO. */
    public static final long IDENTITY_FEE = ChainParams.RAO_PER_TAO / 10;

    /** Each field's bound, in bytes of its UTF-8 form, in encoding order. */
    public static final Map<String, Integer> MAX_BYTES =
            Map.of("name", 64, "url", 256, "github", 256, "image", 256, "discord", 256, "description", 1_024);

    private Identities() {}

    public static void setIdentity(DispatchContext ctx, Call.SetIdentity c) {
        ChainState s = ctx.state();
        AccountId coldkey = ctx.signer();
        Call.Identity id = c.identity();
        if (id.isEmpty()) {
            ensure(
                    s.identity(coldkey) != null,
                    DispatchError.IdentityNotFound,
                    coldkey.toSs58() + " has no identity to clear");
            s.setIdentity(coldkey, null);
            ctx.emit(new Event.IdentityCleared(coldkey));
            return;
        }
        check(id);
        chargeFee(ctx, coldkey);
        s.setIdentity(coldkey, id);
        ctx.emit(new Event.IdentitySet(coldkey));
    }

    public static void setSubnetIdentity(DispatchContext ctx, Call.SetSubnetIdentity c) {
        ChainState s = ctx.state();
        AccountId signer = ctx.signer();
        int netuid = c.netuid();
        ensure(netuid != 0, DispatchError.CannotChangeRoot, "the root network (0) has no owner and no identity");
        SubnetInfo sn = s.subnet(netuid);
        ensure(sn != null, DispatchError.SubnetNotFound, "no subnet " + netuid);
        ensure(
                sn.owner().equals(signer),
                DispatchError.NotSubnetOwner,
                "subnet " + netuid + " is owned by coldkey " + sn.owner().toSs58());
        Call.Identity id = c.identity();
        if (id.isEmpty()) {
            ensure(
                    s.subnetIdentity(netuid) != null,
                    DispatchError.IdentityNotFound,
                    "subnet " + netuid + " has no identity to clear");
            s.setSubnetIdentity(netuid, null);
            ctx.emit(new Event.SubnetIdentityCleared(netuid));
            return;
        }
        check(id);
        chargeFee(ctx, signer);
        s.setSubnetIdentity(netuid, id);
        ctx.emit(new Event.SubnetIdentitySet(netuid));
    }

    /** The runtime's checks on an identity (the codec has already refused text that is not UTF-8). */
    public static void check(Call.Identity id) {
        for (Map.Entry<String, String> f : id.fields()) {
            String why = problem(f.getKey(), f.getValue());
            ensure(why == null, DispatchError.IdentityInvalid, why);
        }
    }

    /** Why a field's value is refused, or null: its UTF-8 length over the bound, or a control character. */
    public static String problem(String field, String value) {
        int max = MAX_BYTES.get(field);
        int len = value.getBytes(StandardCharsets.UTF_8).length;
        if (len > max) {
            return field + " is " + len + " bytes; at most " + max;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.getType(ch) == Character.CONTROL) {
                return field + " holds a control character (U+" + hex4(ch) + ") at index " + i
                        + "; identities are one-line text";
            }
        }
        return null;
    }

    private static String hex4(char ch) {
        String h = Integer.toHexString(ch).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(4 - h.length()) + h;
    }

    private static void chargeFee(DispatchContext ctx, AccountId who) {
        Balances.withdraw(ctx, who, IDENTITY_FEE, false);
        Balances.recycle(ctx.state(), IDENTITY_FEE);
        ctx.emit(new Event.Recycled("identity fee", IDENTITY_FEE));
    }
}
