package org.tao4j.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * What a gateway sells on one subnet: the task's public input form (validated here, 400 when
 * wrong, never charged), how one task is run against the miners (one or more {@link Fanout} rounds
 * combined with the subnet's combiner), and the answer's form. {@link #of} knows the two subnets of
 * this repository.
 */
interface SubnetService {
    String name();

    List<String> taskTypes();

    /** JSON Schema of the query body, for /openapi.json. */
    ObjectNode inputSchema();

    /** JSON Schema of the {@code answer} field. */
    ObjectNode answerSchema();

    /** An example body, for /openapi.json and docs. */
    ObjectNode example();

    /**
     * Validates the input.
     *
     * @throws IllegalArgumentException one line saying what is wrong (the gateway answers 400)
     */
    Task parse(JsonNode input);

    interface Task {
        /** Runs the task; empty when no miner gave a usable answer (503, not charged). */
        Optional<ObjectNode> run(Fanout miners);
    }

    static SubnetService of(String name) {
        return switch (name) {
            case "forecast" -> new ForecastService();
            case "text" -> new TextService();
            default ->
                throw new IllegalArgumentException(
                        "unknown subnet '" + name + "'; this gateway serves forecast or text");
        };
    }
}
