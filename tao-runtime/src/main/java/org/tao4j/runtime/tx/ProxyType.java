package org.tao4j.runtime.tx;

/**
 * What a proxy may do for its real account (docs/spec/chain.md §10 "Proxies"). {@link #allows} is an
 * exhaustive switch over every call, with no default: a new call does not compile until someone
 * decides which proxies may make it.
 */
public enum ProxyType {
    ANY(0, "Any"),
    NON_TRANSFER(1, "NonTransfer"),
    STAKING(2, "Staking"),
    REGISTRATION(3, "Registration"),
    WEIGHTS(4, "Weights"),
    GOVERNANCE(5, "Governance");

    private final int id;
    private final String label;

    ProxyType(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    /** The name users see and type: Any, NonTransfer, Staking, Registration, Weights, Governance. */
    public String label() {
        return label;
    }

    public static ProxyType byId(int id) {
        for (ProxyType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /** By label, case-insensitive ("staking", "NonTransfer", "non-transfer"); null if unknown. */
    public static ProxyType byLabel(String s) {
        String k = s.replace("-", "").replace("_", "");
        for (ProxyType t : values()) {
            if (t.label.equalsIgnoreCase(k)) {
                return t;
            }
        }
        return null;
    }

    /** Whether a proxy of this type may make {@code call} for its real account. */
    public boolean allows(Call call) {
        if (this == ANY) {
            return true;
        }
        Kind k = kind(call);
        return switch (this) {
            case ANY -> true;
            case NON_TRANSFER -> k != Kind.TRANSFER && k != Kind.KEYS;
            case STAKING -> k == Kind.STAKING;
            case REGISTRATION -> k == Kind.REGISTRATION;
            case WEIGHTS -> k == Kind.WEIGHTS;
            case GOVERNANCE -> k == Kind.GOVERNANCE;
        };
    }

    private enum Kind {
        TRANSFER,
        KEYS,
        STAKING,
        REGISTRATION,
        WEIGHTS,
        GOVERNANCE,
        OTHER
    }

    private static Kind kind(Call call) {
        return switch (call) {
            case Call.Transfer c -> Kind.TRANSFER;
            case Call.TransferAll c -> Kind.TRANSFER;
            case Call.RegisterNetwork c -> Kind.OTHER;
            case Call.SetHyperparameter c -> Kind.OTHER;
            case Call.BurnedRegister c -> Kind.REGISTRATION;
            case Call.ServeAxon c -> Kind.OTHER;
            case Call.SetWeights c -> Kind.WEIGHTS;
            case Call.CommitWeights c -> Kind.WEIGHTS;
            case Call.RevealWeights c -> Kind.WEIGHTS;
            case Call.AddStake c -> Kind.STAKING;
            case Call.RemoveStake c -> Kind.STAKING;
            case Call.MoveStake c -> Kind.STAKING; // the same coldkey's stake, between its hotkeys
            case Call.TransferStake c -> Kind.TRANSFER; // gives stake to another coldkey: value leaves the account
            case Call.UnstakeAll c -> Kind.STAKING;
            case Call.SetChildren c -> Kind.OTHER;
            case Call.SetChildkeyTake c -> Kind.OTHER;
            case Call.DecreaseTake c -> Kind.OTHER;
            case Call.IncreaseTake c -> Kind.OTHER;
            case Call.RootRegister c -> Kind.REGISTRATION;
            case Call.SetRootWeights c -> Kind.WEIGHTS;
            case Call.Propose c -> Kind.GOVERNANCE;
            case Call.Vote c -> Kind.GOVERNANCE;
            case Call.Sudo c -> Kind.KEYS; // root authority: Any only
            case Call.SetGlobalParameter c -> Kind.OTHER;
            case Call.SetSubnetParameter c -> Kind.OTHER;
            // key swaps and proxy management: only Any, so a weaker proxy cannot grant itself more
            case Call.SwapHotkey c -> Kind.KEYS;
            case Call.AnnounceColdkeySwap c -> Kind.KEYS;
            case Call.SwapColdkey c -> Kind.KEYS;
            case Call.DisputeColdkeySwap c -> Kind.KEYS;
            case Call.DecideColdkeySwap c -> Kind.OTHER;
            case Call.AddProxy c -> Kind.KEYS;
            case Call.RemoveProxy c -> Kind.KEYS;
            case Call.RemoveProxies c -> Kind.KEYS;
            case Call.Proxy c -> Kind.KEYS;
            case Call.AnnounceProxy c -> Kind.KEYS;
            case Call.Commit c -> Kind.OTHER;
            // a deposit or top-up moves free balance out of the account: like a transfer
            case Call.OpenChannel c -> Kind.TRANSFER;
            case Call.TopUpChannel c -> Kind.TRANSFER;
            // a claim pays the gateway's owner, a close refunds the client: value only comes in
            case Call.ClaimChannel c -> Kind.OTHER;
            case Call.CloseChannel c -> Kind.OTHER;
        };
    }
}
