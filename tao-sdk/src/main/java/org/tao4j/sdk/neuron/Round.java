package org.tao4j.sdk.neuron;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.dendrite.AxonResult;

/**
 * One query step of a validator: the request it sent at head block {@code block}, and what each
 * sampled uid answered. The three lists are parallel, in the order the uids were queried.
 *
 * @param hotkeys the hotkey each uid had when it was queried: a score is only credited to the uid
 *     if it still has it
 * @param results the dendrite's result for each uid, failures included
 */
public record Round<Q, R>(
        long id, long block, Q request, List<Integer> uids, List<AccountId> hotkeys, List<AxonResult<R>> results) {
    public Round {
        uids = List.copyOf(uids);
        hotkeys = List.copyOf(hotkeys);
        results = List.copyOf(results);
        if (uids.size() != hotkeys.size() || uids.size() != results.size()) {
            throw new IllegalArgumentException("uids, hotkeys and results differ in length");
        }
    }

    /** uid → its decoded answer, or {@code null} when it failed to answer; in query order. */
    public Map<Integer, R> responses() {
        Map<Integer, R> out = new LinkedHashMap<>();
        for (int k = 0; k < uids.size(); k++) {
            AxonResult<R> r = results.get(k);
            out.put(uids.get(k), r.ok() ? r.response() : null);
        }
        return Collections.unmodifiableMap(out);
    }

    /** How many uids answered. */
    public int answered() {
        return (int) results.stream().filter(AxonResult::ok).count();
    }
}
