package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.crypto.H256;

/** {@code tao_getEvents}: a block's events in order. */
public record BlockEvents(H256 block, long blockNumber, List<ChainEvent> events) {

    public BlockEvents {
        events = List.copyOf(events);
    }

    /** The events of type {@code type} (e.g. "Transfer"). */
    public List<ChainEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
