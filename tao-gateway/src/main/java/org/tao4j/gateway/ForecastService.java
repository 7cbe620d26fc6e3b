package org.tao4j.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.tao4j.subnets.forecast.Forecast;
import org.tao4j.subnets.forecast.ForecastCombiner;
import org.tao4j.subnets.forecast.ForecastTask;

/**
 * The forecast subnet's public task: {@code {"series":[...], "horizon":H}} answered with
 * {@code {"forecast":[H values]}}, the incentive-weighted median of the top miners' forecasts.
 */
final class ForecastService implements SubnetService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ForecastCombiner combiner = new ForecastCombiner();
    private final AtomicLong ids = new AtomicLong(1L << 40); // clear of the validators' task ids

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public List<String> taskTypes() {
        return List.of("forecast");
    }

    @Override
    public ObjectNode inputSchema() {
        ObjectNode s = JSON.createObjectNode().put("type", "object");
        s.putArray("required").add("series").add("horizon");
        ObjectNode p = s.putObject("properties");
        p.putObject("series")
                .put("type", "array")
                .put("minItems", 1)
                .put("maxItems", ForecastTask.MAX_HISTORY)
                .put("description", "the history, oldest first")
                .putObject("items")
                .put("type", "number");
        p.putObject("horizon")
                .put("type", "integer")
                .put("minimum", 1)
                .put("maximum", ForecastTask.MAX_HORIZON)
                .put("description", "steps to forecast past the last value");
        return s;
    }

    @Override
    public ObjectNode answerSchema() {
        ObjectNode s = JSON.createObjectNode().put("type", "object");
        s.putObject("properties")
                .putObject("forecast")
                .put("type", "array")
                .put("description", "per step, the incentive-weighted median of the miners' forecasts")
                .putObject("items")
                .put("type", "number");
        return s;
    }

    @Override
    public ObjectNode example() {
        ObjectNode e = JSON.createObjectNode();
        var a = e.putArray("series");
        for (int i = 0; i < 24; i++) {
            a.add(10 + (i % 12));
        }
        e.put("horizon", 12);
        return e;
    }

    @Override
    public Task parse(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object {\"series\":[...],\"horizon\":H}");
        }
        JsonNode series = input.get("series");
        if (series == null || !series.isArray() || series.isEmpty() || series.size() > ForecastTask.MAX_HISTORY) {
            throw new IllegalArgumentException(
                    "'series' must be an array of 1 to " + ForecastTask.MAX_HISTORY + " numbers");
        }
        double[] history = new double[series.size()];
        for (int i = 0; i < history.length; i++) {
            JsonNode v = series.get(i);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new IllegalArgumentException("'series'[" + i + "] is not a finite number");
            }
            history[i] = v.asDouble();
        }
        JsonNode h = input.get("horizon");
        if (h == null || !h.canConvertToInt() || !h.isIntegralNumber()) {
            throw new IllegalArgumentException("'horizon' must be a whole number, 1 to " + ForecastTask.MAX_HORIZON);
        }
        ForecastTask task = new ForecastTask(ids.incrementAndGet(), history, h.asInt());
        return miners -> miners.ask(Forecast.SYNAPSE, task, combiner).map(c -> {
            ObjectNode out = JSON.createObjectNode();
            var f = out.putArray("forecast");
            for (double v : c.answer().values()) {
                f.add(v);
            }
            return out;
        });
    }
}
