package org.tao4j.devnet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.client.TxHandle;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.MetagraphField;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.client.model.Subnet;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.devnet.Devnet.DevnetException;
import org.tao4j.devnet.Devnet.Member;
import org.tao4j.devnet.Devnet.Role;
import org.tao4j.devnet.Devnet.SubnetRun;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;
import org.tao4j.sdk.chain.RpcSubnetChain;
import org.tao4j.sdk.chain.TxResult;

/**
 * The devnet's second phase, funding and registration, all through signed transactions: //Alice funds
 * every owner, validator and miner; each owner registers its subnet; sudo and the owners set the
 * hyperparameters; every neuron registers by burn; validators stake.
 */
final class DevnetFunding {
    private static final Logger LOG = LoggerFactory.getLogger(DevnetFunding.class);
    private static final long TAO = Devnet.TAO;
    private static final long OWNER_FUNDS = 1_000 * TAO;
    private static final long VALIDATOR_FUNDS = Devnet.VALIDATOR_STAKE + 100 * TAO;
    private static final long MINER_FUNDS = 100 * TAO;
    private static final long HOTKEY_FUNDS = 10 * TAO;
    private static final long VALIDATOR_STAKE = Devnet.VALIDATOR_STAKE;

    private final Devnet d;

    DevnetFunding(Devnet d) {
        this.d = d;
    }

    /** Funding, subnets, hyperparameters, neuron registrations and stake, in that order. */
    void run() {
        fund();
        registerSubnets();
        configureSubnets();
        List<CompletableFuture<Void>> regs = new ArrayList<>();
        for (SubnetRun s : d.subnets) {
            regs.add(CompletableFuture.runAsync(() -> registerNeurons(s)));
        }
        regs.forEach(CompletableFuture::join);
        stake();
    }

    void fund() {
        Ed25519.KeyPair alice = DevAccounts.keyPair("Alice");
        List<TxHandle> pending = new ArrayList<>();
        for (SubnetRun s : d.subnets) {
            topUp(alice, s.owner.coldkeyId(), OWNER_FUNDS, pending);
            topUp(alice, s.owner.hotkeyId(), HOTKEY_FUNDS, pending);
            for (Member m : s.members) {
                topUp(alice, m.coldkeyId(), m.role() == Role.MINER ? MINER_FUNDS : VALIDATOR_FUNDS, pending);
                topUp(alice, m.hotkeyId(), HOTKEY_FUNDS, pending);
            }
        }
        for (TxHandle t : pending) {
            expectOk("funding", t.await(Duration.ofSeconds(60)));
        }
        d.log("funded " + pending.size() + " dev wallets from //Alice");
    }

    void topUp(Ed25519.KeyPair from, AccountId to, long amount, List<TxHandle> pending) {
        long have = d.client.balance(to).free();
        if (have < amount / 2) {
            pending.add(d.client.tx(from, new Call.Transfer(to, amount - have)).submitAndWatch());
        }
    }

    void registerSubnets() {
        for (SubnetRun s : d.subnets) {
            Optional<Subnet> mine = ownedBy(s.owner.coldkeyId());
            if (mine.isEmpty()) {
                TxResult r = RpcSubnetChain.submit(
                        d.client, s.owner.coldkey(), new Call.RegisterNetwork(s.owner.hotkeyId()));
                check("register_network " + s.name, r);
                mine = ownedBy(s.owner.coldkeyId());
            }
            s.netuid = mine.orElseThrow(() -> new DevnetException("subnet " + s.name + " is not on chain"))
                    .netuid();
            d.log("subnet " + s.netuid + " '" + s.name + "' owned by "
                    + s.owner.coldkeyId().toSs58() + (s.commitReveal ? " (commit-reveal on)" : ""));
        }
    }

    Optional<Subnet> ownedBy(AccountId coldkey) {
        return d.client.subnets().stream()
                .filter(x -> x.netuid() != 0 && coldkey.equals(x.owner()))
                .findFirst();
    }

    void configureSubnets() {
        Ed25519.KeyPair alice = DevAccounts.keyPair("Alice");
        long rateLimit = Math.max(1, d.options.tempo() / 2);
        List<CompletableFuture<TxResult>> txs = new ArrayList<>();
        for (SubnetRun s : d.subnets) {
            Hyperparams h = d.client.subnet(s.netuid).orElseThrow().hyperparams();
            // sudo (//Alice, the dev chain's root): what only root may set, and what the owner's one change
            // per 2 tempos leaves over
            if (h.tempo() != d.options.tempo()) {
                txs.add(sudo(alice, s.netuid, Hyperparameter.TEMPO, d.options.tempo()));
            }
            // a restarted miner listens on a new port and must announce it at once, not 50 blocks later
            if (h.servingRateLimit() != 0) {
                txs.add(sudo(alice, s.netuid, Hyperparameter.SERVING_RATE_LIMIT, 0));
            }
            int permits = d.options.validators();
            if (h.maxAllowedValidators() != permits) {
                txs.add(sudo(alice, s.netuid, Hyperparameter.MAX_ALLOWED_VALIDATORS, permits));
            }
            // the owner's change, through its own SetHyperparameter
            if (s.commitReveal) {
                if (h.weightsSetRateLimit() != rateLimit) {
                    txs.add(sudo(alice, s.netuid, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, rateLimit));
                }
                if (!h.commitRevealEnabled()) {
                    txs.add(owner(s, Hyperparameter.COMMIT_REVEAL_ENABLED, 1));
                }
                if (h.revealPeriodEpochs() != d.options.revealPeriod()) {
                    txs.add(sudo(alice, s.netuid, Hyperparameter.REVEAL_PERIOD_EPOCHS, d.options.revealPeriod()));
                }
            } else if (h.weightsSetRateLimit() != rateLimit) {
                txs.add(owner(s, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, rateLimit));
            }
        }
        for (CompletableFuture<TxResult> t : txs) {
            check("hyperparameters", t.join());
        }
    }

    CompletableFuture<TxResult> sudo(Ed25519.KeyPair alice, int netuid, Hyperparameter p, long v) {
        TxHandle h = d.client
                .tx(alice, new Call.Sudo(new Call.SetSubnetParameter(netuid, p, v)))
                .submitAndWatch();
        return CompletableFuture.supplyAsync(() -> result(h.await(Duration.ofSeconds(60))));
    }

    CompletableFuture<TxResult> owner(SubnetRun s, Hyperparameter p, long v) {
        TxHandle h = d.client
                .tx(s.owner.coldkey(), new Call.SetHyperparameter(s.netuid, p, v))
                .submitAndWatch();
        return CompletableFuture.supplyAsync(() -> result(h.await(Duration.ofSeconds(60))));
    }

    void registerNeurons(SubnetRun s) {
        for (Member m : s.members) {
            for (int attempt = 0; ; attempt++) {
                MetagraphView mg = d.client.metagraph(s.netuid, EnumSet.of(MetagraphField.HOTKEYS));
                if (mg.hotkeys().contains(m.hotkeyId())) {
                    break;
                }
                TxResult r =
                        RpcSubnetChain.submit(d.client, m.coldkey(), new Call.BurnedRegister(s.netuid, m.hotkeyId()));
                if (r.ok()) {
                    break;
                }
                if (attempt >= 20) {
                    check("burned_register on " + s.name, r);
                }
                LOG.debug("burned_register retry: {}", r.describe());
            }
        }
        d.log("subnet " + s.netuid + ": " + s.members.size() + " neurons registered by burned_register");
    }

    void stake() {
        List<CompletableFuture<TxResult>> txs = new ArrayList<>();
        for (SubnetRun s : d.subnets) {
            for (Member m : s.members) {
                if (m.role() == Role.MINER) {
                    continue;
                }
                long have = d.client.stakeForHotkey(m.hotkeyId()).total();
                if (have < VALIDATOR_STAKE) {
                    TxHandle h = d.client
                            .tx(m.coldkey(), new Call.AddStake(m.hotkeyId(), VALIDATOR_STAKE - have))
                            .submitAndWatch();
                    txs.add(CompletableFuture.supplyAsync(() -> result(h.await(Duration.ofSeconds(60)))));
                }
            }
        }
        for (CompletableFuture<TxResult> t : txs) {
            check("add_stake", t.join());
        }
        d.log("validators staked " + VALIDATOR_STAKE / TAO + " TAO each");
    }

    static TxResult result(TxOutcome o) {
        return switch (o) {
            case TxOutcome.Finalized f when f.success() -> new TxResult.Included(f.blockNumber());
            case TxOutcome.Finalized f ->
                new TxResult.Failed(
                        f.blockNumber(), f.error() == null ? "ExtrinsicFailed" : f.error(), f.errorMessage());
            case TxOutcome.Dropped d -> new TxResult.Dropped(d.reason());
        };
    }

    static void expectOk(String what, TxOutcome o) {
        check(what, result(o));
    }

    static void check(String what, TxResult r) {
        if (!r.ok()) {
            throw new DevnetException(what + " failed: " + r.describe());
        }
    }
}
