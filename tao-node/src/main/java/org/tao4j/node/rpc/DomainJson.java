package org.tao4j.node.rpc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.tao4j.consensus.SparseRow;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.schema.AxonInfo;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;

/** JSON forms of the runtime's state records, shared by the tao_* methods. Amounts are rao. */
public final class DomainJson {

    private DomainJson() {}

    /** An I32F32 fixed-point number (its raw bits) as an exact decimal string. */
    public static String i32f32(long bits) {
        return new BigDecimal(BigInteger.valueOf(bits))
                .divide(BigDecimal.valueOf(1L << 32))
                .toPlainString();
    }

    /** Any record of numbers and booleans, by component name (hyperparameters, chain params). */
    public static ObjectNode record(Record r) {
        ObjectNode o = Json.object();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(r);
                switch (v) {
                    case Integer i -> o.put(c.getName(), i);
                    case Long l -> o.put(c.getName(), l);
                    case Boolean b -> o.put(c.getName(), b);
                    default -> o.put(c.getName(), String.valueOf(v));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return o;
    }

    /**
     * A call as {@code {"call": "SetGlobalParameter", <its fields>}}: accounts as SS58, nested calls
     * the same way, byte arrays as hex, anything else as its number, boolean or name.
     */
    public static ObjectNode call(org.tao4j.runtime.tx.Call call) {
        ObjectNode o = Json.object();
        o.put("call", call.getClass().getSimpleName());
        for (RecordComponent c : call.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(call);
                switch (v) {
                    case null -> o.putNull(c.getName());
                    case Integer i -> o.put(c.getName(), i);
                    case Long l -> o.put(c.getName(), l);
                    case Boolean b -> o.put(c.getName(), b);
                    case AccountId a -> o.put(c.getName(), a.toSs58());
                    case org.tao4j.runtime.tx.Call inner -> o.set(c.getName(), call(inner));
                    case byte[] b -> o.put(c.getName(), org.tao4j.core.crypto.Hex.toHex(b));
                    case int[] a -> {
                        ArrayNode arr = o.putArray(c.getName());
                        for (int x : a) {
                            arr.add(x);
                        }
                    }
                    case long[] a -> {
                        ArrayNode arr = o.putArray(c.getName());
                        for (long x : a) {
                            arr.add(x);
                        }
                    }
                    default -> o.put(c.getName(), String.valueOf(v));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return o;
    }

    public static ObjectNode hyperparams(Hyperparams h) {
        return record(h);
    }

    public static ObjectNode params(ChainParams p) {
        return record(p);
    }

    public static ObjectNode subnet(ChainState s, SubnetInfo sn) {
        ObjectNode o = Json.object();
        o.put("netuid", sn.netuid());
        o.put("owner", sn.owner().toSs58());
        o.put("ownerHotkey", sn.ownerHotkey().toSs58());
        o.put("registeredAt", sn.registeredAt());
        o.put("lock", sn.lock());
        o.put("burn", sn.burn());
        o.put("n", sn.n());
        o.put("pendingEmission", sn.pendingEmission());
        o.put("emissionValue", sn.emissionValue());
        o.put("emissionShare", i32f32(sn.emissionShare()));
        o.put("lastEpochBlock", sn.lastMechanismStepBlock());
        o.put("lastRegistrationBlock", sn.lastRegistrationBlock());
        o.put("lastHyperparamBlock", sn.lastHyperparamBlock());
        org.tao4j.runtime.tx.Call.Identity id = s.subnetIdentity(sn.netuid());
        o.put("name", id == null ? null : id.name()); // chain.md §12: the subnet's name, null when none
        Hyperparams h = s.hyperparams(sn.netuid());
        if (h != null) {
            o.set("hyperparams", hyperparams(h));
        }
        return o;
    }

    /** An identity's six fields (chain.md §12), or JSON null. */
    public static com.fasterxml.jackson.databind.JsonNode identity(org.tao4j.runtime.tx.Call.Identity id) {
        if (id == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        ObjectNode o = Json.object();
        for (var f : id.fields()) {
            o.put(f.getKey(), f.getValue());
        }
        return o;
    }

    public static ObjectNode axon(AxonInfo a) {
        ObjectNode o = Json.object();
        o.put("ip", a.ipText());
        o.put("port", a.port());
        o.put("ipType", a.ipType());
        o.put("protocol", a.protocol());
        o.put("version", a.version());
        o.put("block", a.block());
        return o;
    }

    public static ArrayNode row(SparseRow r) {
        ArrayNode a = Json.array();
        for (int i = 0; i < r.size(); i++) {
            a.add(Json.array().add(r.dest(i)).add(r.value(i)));
        }
        return a;
    }

    public static ObjectNode neuron(ChainState s, int netuid, int uid, NeuronInfo n) {
        ObjectNode o = Json.object();
        o.put("netuid", netuid);
        o.put("uid", uid);
        o.put("hotkey", n.hotkey().toSs58());
        AccountId owner = s.owner(n.hotkey());
        if (owner == null) {
            o.putNull("coldkey");
        } else {
            o.put("coldkey", owner.toSs58());
        }
        // chain.md §12: the owner coldkey's identity name, null when none
        org.tao4j.runtime.tx.Call.Identity id = owner == null ? null : s.identity(owner);
        o.put("name", id == null ? null : id.name());
        o.put("stake", s.totalHotkeyStake(n.hotkey()));
        o.put("registeredAt", n.registeredAt());
        o.put("lastUpdate", n.lastUpdate());
        o.put("validatorPermit", n.validatorPermit());
        o.put("active", n.active());
        o.put("consensus", n.consensus());
        o.put("incentive", n.incentive());
        o.put("dividends", n.dividends());
        o.put("validatorTrust", n.validatorTrust());
        o.put("emission", n.emission());
        if (n.axon() == null) {
            o.putNull("axon");
        } else {
            o.set("axon", axon(n.axon()));
        }
        o.set("weights", row(s.weights(netuid, uid)));
        o.set("bonds", row(s.bonds(netuid, uid)));
        return o;
    }
}
