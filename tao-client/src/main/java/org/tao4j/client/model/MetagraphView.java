package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.crypto.H256;

/**
 * A subnet's metagraph as {@code tao_getMetagraph} returns it: one column per field, indexed by uid
 * ({@code stake[uid]}). Columns that were not asked for are null. Scores are u16 (65535 = 1), amounts
 * rao. The arrays are the view's own (not copied on access): treat them as read-only.
 *
 * @param n the number of neurons (the length of every column)
 * @param blockNumber the block whose state was read
 * @param coldkeys null entries for hotkeys without an owner
 * @param axons null entries for neurons that never served an axon
 * @param weights each uid's sparse weight row
 * @param bonds each uid's sparse bond row
 * @param names each uid's owner coldkey's identity name (docs/spec/chain.md §12), null entries when none
 */
public record MetagraphView(
        int netuid,
        int n,
        long blockNumber,
        H256 block,
        List<org.tao4j.core.account.AccountId> hotkeys,
        List<org.tao4j.core.account.AccountId> coldkeys,
        long[] stake,
        int[] consensus,
        int[] incentive,
        int[] dividends,
        int[] validatorTrust,
        long[] emission,
        boolean[] validatorPermit,
        boolean[] active,
        long[] lastUpdate,
        long[] registeredAt,
        List<Axon> axons,
        List<List<WeightEntry>> weights,
        List<List<WeightEntry>> bonds,
        List<String> names) {

    /** True when this view holds column {@code f}. */
    public boolean has(MetagraphField f) {
        return switch (f) {
            case HOTKEYS -> hotkeys != null;
            case COLDKEYS -> coldkeys != null;
            case STAKE -> stake != null;
            case CONSENSUS -> consensus != null;
            case INCENTIVE -> incentive != null;
            case DIVIDENDS -> dividends != null;
            case VALIDATOR_TRUST -> validatorTrust != null;
            case EMISSION -> emission != null;
            case VALIDATOR_PERMIT -> validatorPermit != null;
            case ACTIVE -> active != null;
            case LAST_UPDATE -> lastUpdate != null;
            case REGISTERED_AT -> registeredAt != null;
            case AXONS -> axons != null;
            case WEIGHTS -> weights != null;
            case BONDS -> bonds != null;
            case NAMES -> names != null;
        };
    }
}
