package org.tao4j.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tao4j.runtime.dispatch.DispatchError;

/**
 * Turns the runtime's failures ({@code ExtrinsicFailed}'s error name and message such as
 * {@code "SettingWeightsTooFast: 37 blocks left (rate limit 100)"}) into sentences that say what to do.
 */
public final class ChainErrors {

    private static final Pattern LEFT = Pattern.compile("(\\d+) blocks left \\(rate limit (\\d+)");

    private ChainErrors() {}

    /**
     * @param error the DispatchError name, e.g. "SettingWeightsTooFast"
     * @param message the runtime's message (name: detail), may be null
     * @param blockSeconds seconds per block, to turn blocks into minutes
     */
    public static String translate(String error, String message, double blockSeconds) {
        String detail = message == null
                ? ""
                : message.startsWith(error + ": ")
                        ? message.substring(error.length() + 2)
                        : message.equals(error) ? "" : message;
        Matcher m = LEFT.matcher(detail);
        long left = -1, limit = -1;
        if (m.find()) {
            left = Long.parseLong(m.group(1));
            limit = Long.parseLong(m.group(2));
        }
        String wait = left < 0 ? "" : " Try again in " + waitText(left, blockSeconds) + ".";
        String base = switch (error) {
            case "SettingWeightsTooFast" ->
                left < 0
                        ? "Weights were set too recently."
                        : "Weights were set " + (limit - left) + " blocks ago; this subnet allows once every " + limit
                                + " blocks." + wait;
            case "RootWeightsRateLimited" ->
                left < 0
                        ? "Root weights were set too recently."
                        : "Root weights were set " + (limit - left) + " blocks ago; the limit is once every " + limit
                                + " blocks." + wait;
            case "NetworkRateLimited" -> "A subnet was registered too recently." + wait;
            case "TakeRateLimited" -> "The take was increased too recently." + wait;
            case "ChildkeyRateLimited" -> "The children of this hotkey were set too recently on this subnet." + wait;
            case "ChildkeyCycle" ->
                "A child is already an ancestor of this hotkey on the subnet; see `tao stake child get`.";
            case "TooManyChildren" -> "A hotkey may have at most 5 children on a subnet.";
            case "SameStakeTarget" ->
                "The stake would move to where it already is; give a different hotkey or coldkey.";
            case "HyperparameterRateLimited" -> "Hyperparameters were set too recently." + wait;
            case "ServingRateLimited" -> "The axon was served too recently." + wait;
            case "InsufficientBalance" ->
                "The account does not hold enough free TAO for this. Check `tao wallet balance` "
                        + "and send less, or fund the coldkey first.";
            case "ExistentialDeposit" ->
                "This would leave an account below the existential deposit (500 rao); send "
                        + "more, or use transfer --all to empty the account.";
            case "NotHotkeyOwner" ->
                "Your coldkey does not own this hotkey; use the wallet that registered it (--wallet).";
            case "HotkeyOwnedByOther" ->
                "This hotkey belongs to another coldkey; create a new hotkey with " + "`tao wallet new-hotkey`.";
            case "NotSubnetOwner" ->
                "Only the subnet's owner coldkey may do this; use --wallet with the owner's wallet.";
            case "SubnetNotFound" -> "There is no such subnet; see `tao subnet list`.";
            case "AlreadyRegistered" -> "This hotkey is already registered on the subnet; see `tao wallet overview`.";
            case "NotRegistered" -> "The hotkey is not registered on this subnet; run `tao subnet register` first.";
            case "RegistrationDisabled" ->
                "Registration is closed on this subnet; ask its owner or try another subnet.";
            case "TooManyRegistrationsThisBlock" ->
                "Someone registered on this subnet in this block; try again in a few seconds.";
            case "NoValidatorPermit" ->
                "Setting weights on other uids needs a validator permit: stake more on the "
                        + "hotkey and wait for the next epoch.";
            case "CommitRevealEnabled" ->
                "This subnet uses commit-reveal: `tao weights set` commits for you; use it "
                        + "(or `tao weights commit`).";
            case "CommitRevealDisabled" -> "Commit-reveal is off on this subnet; use `tao weights set`.";
            case "RevealTooEarly" -> "This commit cannot be revealed yet; `tao weights reveal --pending` later.";
            case "NoWeightsCommitFound" ->
                "No pending commit matches this reveal; the salt or weights differ from " + "what was committed.";
            case "StakeTooLow" -> "The amount is below the minimum stake of 0.002 TAO; stake more.";
            case "NotEnoughStake" -> "You do not have that much stake on this hotkey; see `tao stake list`.";
            case "HotkeyNotFound" ->
                "The hotkey is not registered anywhere; register it on a subnet first " + "(`tao subnet register`).";
            case "TakeTooHigh" -> "The take is above the maximum of 18%.";
            case "NotSenateMember" -> "Only senate members may propose or vote.";
            case "ProposalNotFound" -> "No open proposal with this id; see `tao gov proposals`.";
            default -> {
                try {
                    String s = DispatchError.valueOf(error).message();
                    yield Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
                } catch (IllegalArgumentException e) {
                    yield "The chain refused the transaction (" + error + ").";
                }
            }
        };
        return detail.isEmpty() ? base : base + " (" + error + ": " + detail + ")";
    }

    /** "~7 minutes", "~30 seconds". */
    public static String waitText(long blocks, double blockSeconds) {
        double s = blocks * blockSeconds;
        if (s < 90) {
            return "~" + Math.max(1, Math.round(s)) + " seconds";
        }
        return "~" + Math.round(Math.ceil(s / 60)) + " minutes";
    }
}
