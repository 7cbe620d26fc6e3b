package org.tao4j.runtime.dispatch;

/**
 * Every way a call can fail, with the sentence a user reads (docs/spec/chain.md §2 "Errors"). The detail of
 * a particular failure (numbers, ids) travels next to it in {@link DispatchFailure}.
 */
public enum DispatchError {
    // balances
    InsufficientBalance("the account does not hold enough free balance"),
    ExistentialDeposit("the transfer would leave an account below the existential deposit of 500 rao"),
    AmountZero("the amount must be greater than zero"),
    Overflow("an amount would overflow"),
    // origin and keys
    BadOrigin("this call needs a different signer"),
    NotHotkeyOwner("the signing coldkey does not own this hotkey"),
    HotkeyOwnedByOther("the hotkey is already owned by another coldkey"),
    NotSubnetOwner("only the subnet owner may do this"),
    // subnets
    SubnetNotFound("no subnet with this netuid"),
    NetworkRateLimited("a subnet was registered too recently"),
    SubnetLimitReached("the subnet limit is reached and every subnet is still immune"),
    CannotChangeRoot("the root network cannot be changed this way"),
    HyperparameterRateLimited("hyperparameters were set too recently"),
    InvalidHyperparameter("the hyperparameter value is not allowed"),
    NotAllowedToChange("only governance or sudo may change this parameter"),
    // registration and serving
    RegistrationDisabled("registration is closed on this subnet"),
    TooManyRegistrationsThisBlock("this subnet already registered a neuron in this block"),
    AlreadyRegistered("the hotkey is already registered on this subnet"),
    NotRegistered("the hotkey is not registered on this subnet"),
    NoNeuronIdAvailable("the subnet is full and every neuron is immune"),
    InvalidIpType("ip_type must be 4 or 6"),
    InvalidIpAddress("the IP address is not valid here"),
    InvalidPort("the port must not be 0"),
    ServingRateLimited("the axon was served too recently"),
    // weights
    NoValidatorPermit("setting weights on other uids needs a validator permit"),
    IncorrectWeightVersionKey("the weights version key is lower than the subnet's"),
    DuplicateUids("a uid appears more than once"),
    UidOutOfRange("a uid is not registered on this subnet"),
    WeightVectorLengthMismatch("dests and values differ in length"),
    TooFewWeights("fewer weights than the subnet's minimum"),
    TooManyWeights("more weights than allowed in one call"),
    MaxWeightExceeded("a weight exceeds the subnet's max_weights_limit after normalisation"),
    SettingWeightsTooFast("weights were set too recently"),
    CommitRevealEnabled("commit-reveal is on: use commit_weights and reveal_weights"),
    CommitRevealDisabled("commit-reveal is off: use set_weights"),
    TooManyUnrevealedCommits("10 commits are already pending"),
    NoWeightsCommitFound("no pending commit matches this reveal"),
    RevealTooEarly("this commit cannot be revealed yet"),
    ExpiredWeightCommit("this commit has expired"),
    // staking
    StakeTooLow("the amount is below the minimum stake of 0.002 TAO"),
    NotEnoughStake("the coldkey does not have that much stake on this hotkey"),
    TakeTooHigh("the take is above the maximum of 18%"),
    TakeNotLower("decrease_take needs a lower take than the current one"),
    TakeNotHigher("increase_take needs a higher take than the current one"),
    TakeRateLimited("the take was increased too recently"),
    HotkeyNotFound("the hotkey has no owner: register it on a subnet first"),
    SameStakeTarget("the stake would move to where it already is: give a different hotkey or coldkey"),
    // childkeys
    TooManyChildren("a hotkey may have at most 5 children on a subnet"),
    InvalidChild("a child must be another hotkey, listed once, with a proportion above 0"),
    ProportionOverflow("the children's proportions add up to more than 1"),
    ChildkeyCycle("a child is already an ancestor of this hotkey on the subnet"),
    ChildkeyRateLimited("the children of this hotkey were set too recently on this subnet"),
    // root and governance
    RootFull("the root network is full and the hotkey has less stake than every member"),
    NotRootMember("the hotkey is not a member of the root network"),
    RootWeightsRateLimited("root weights were set too recently"),
    NotSenateMember("only senate members may do this"),
    ProposalNotFound("no open proposal with this id"),
    DuplicateVote("this member already voted that way"),
    ProposalNotAllowed("this call cannot be proposed"),
    NoSudo("this chain has no sudo key"),
    NotSudo("only the sudo key may do this"),
    TooManyProposals("the senate already has the maximum number of open proposals"),
    InvalidGlobalParameter("the global parameter value is out of its allowed range"),
    // key safety (docs/spec/chain.md §10)
    SameHotkey("the new hotkey is the old hotkey"),
    HotkeyInUse("the new hotkey is already in use: it has an owner, a uid or stake"),
    HotkeySwapRateLimited("this coldkey swapped a hotkey too recently"),
    ColdkeySwapNotAnnounced("no coldkey swap is announced for this coldkey"),
    ColdkeySwapTooEarly("the coldkey swap's delay has not passed yet"),
    ColdkeySwapDisputed("the coldkey swap is frozen for governance to decide"),
    ColdkeySwapHashMismatch("the new coldkey does not match the announced hash"),
    ColdkeyInUse("the new coldkey is already in use: it has a balance, stake, hotkeys, subnets or proxies"),
    // proxies (docs/spec/chain.md §10)
    NoSelfProxy("an account cannot be its own proxy"),
    DuplicateProxy("this delegate already holds a proxy of this type"),
    TooManyProxies("the account already has the maximum of 8 proxies"),
    ProxyDelayTooLong("the proxy delay is above 216000 blocks"),
    ProxyNotFound("no such proxy"),
    NotProxy("the signer is not a proxy of that account"),
    ProxyCallFiltered("the proxy's type does not allow this call"),
    ProxyNotAnnounced("this proxy has a delay: announce the call first with announce_proxy"),
    ProxyAnnouncementTooRecent("the call was announced less than the proxy's delay ago"),
    // commitments (docs/spec/chain.md §11)
    CommitmentTooLarge("a commitment is at most 1024 bytes"),
    CommitmentRateLimited("this hotkey committed on this subnet too recently"),
    // payment channels (docs/spec/chain.md §12)
    UnknownChannel("no channel with this id"),
    ChannelExpired("the channel is past its expiry (top-up) or its claim deadline (claim)"),
    ChannelAlreadyClosed("the channel is closed"),
    ChannelNotClosable("the channel can be closed only after its claim deadline"),
    NotChannelGateway("only the channel's gateway hotkey may claim"),
    NotChannelClient("only the channel's client may do this"),
    BadVoucherSignature("the voucher is not signed by the channel's client for this chain, channel and amount"),
    VoucherAboveDeposit("the voucher's amount is above the channel's deposit"),
    VoucherNotAboveClaimed("the voucher's amount is not above what was already claimed"),
    GatewayNotRegistered("the gateway hotkey is not registered on this subnet"),
    GatewayHasNoOwner("the gateway hotkey has no owning coldkey to pay (it was swapped away)"),
    ChannelExpiryInvalid(
            "the expiry must be after the current block, at most 2628000 blocks ahead, never earlier than now set"),
    TooManyChannels("the client already has the maximum of 64 open channels");

    private final String message;

    DispatchError(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
