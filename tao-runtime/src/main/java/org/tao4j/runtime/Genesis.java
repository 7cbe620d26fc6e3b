package org.tao4j.runtime;

import java.util.List;
import java.util.Objects;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.runtime.schema.Account;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.SubnetInfo;

/**
 * The genesis state (docs/spec/chain.md §1): parameters, the root network (netuid 0), and on a development
 * chain only, endowed dev accounts and a sudo key. A live chain is a fair launch: it refuses both.
 */
public final class Genesis {

    /** An initial balance (dev chains only). */
    public record Endowment(AccountId account, long amount) {
        public Endowment {
            Objects.requireNonNull(account, "account");
            if (amount <= 0) {
                throw new IllegalArgumentException("an endowment must be positive, got " + amount);
            }
        }
    }

    /** What a chain spec says about the genesis state. */
    public record Config(
            String chainName,
            boolean live,
            ChainParams params,
            List<Endowment> endowments,
            AccountId sudo,
            List<AccountId> authorities) {
        /** A genesis that names no authorities (the node's chain spec names them: see ChainSpec). */
        public Config(String chainName, boolean live, ChainParams params, List<Endowment> endowments, AccountId sudo) {
            this(chainName, live, params, endowments, sudo, List.of());
        }

        public Config {
            Objects.requireNonNull(chainName, "chainName");
            Objects.requireNonNull(params, "params");
            endowments = List.copyOf(endowments);
            authorities = List.copyOf(authorities);
            if (live && !endowments.isEmpty()) {
                throw new IllegalArgumentException(
                        "a live chain is a fair launch: its genesis may not endow any account (" + endowments.size()
                                + " endowments given)");
            }
            if (live && sudo != null) {
                throw new IllegalArgumentException("a live chain has no sudo key");
            }
        }
    }

    private Genesis() {}

    /** The zero account: owner of the root network, which nobody owns. */
    public static final AccountId NOBODY = new AccountId(new byte[32]);

    /** Writes the genesis state into an empty store. */
    public static void build(KeyValueStore kv, Config c) {
        ChainState s = new ChainState(kv);
        s.setParams(c.params());
        s.setLive(c.live());
        s.setBlockNumber(0);
        long issuance = 0;
        for (Endowment e : c.endowments()) {
            Account prev = s.account(e.account());
            if (prev.free() > 0) {
                throw new IllegalArgumentException("account " + e.account() + " is endowed twice");
            }
            if (e.amount() < c.params().existentialDeposit()) {
                throw new IllegalArgumentException(
                        "endowment of " + e.amount() + " rao is below the existential deposit");
            }
            s.setAccount(e.account(), new Account(e.amount(), 0));
            issuance = Math.addExact(issuance, e.amount());
        }
        if (issuance > EmissionSchedule.TOTAL_SUPPLY) {
            throw new IllegalArgumentException("endowments exceed the 21,000,000 TAO cap");
        }
        s.setTotalIssuance(issuance);
        s.setSudoKey(c.sudo());
        s.setAuthorities(c.authorities());
        s.setNetworkLastRegistered(-1);
        s.setSubnet(new SubnetInfo(0, NOBODY, NOBODY, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0));
        s.setHyperparams(0, Hyperparams.root(c.params()));
    }
}
