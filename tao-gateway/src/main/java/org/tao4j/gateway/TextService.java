package org.tao4j.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.tao4j.subnets.text.Alphabet;
import org.tao4j.subnets.text.TextCombiner;
import org.tao4j.subnets.text.TextGenerator;
import org.tao4j.subnets.text.TextRound;
import org.tao4j.subnets.text.TextTask;

/**
 * The text subnet's public task: {@code {"text":"...", "chars":N, "decoding":"greedy"|"sample",
 * "seed":S}} answered with {@code {"prompt":..., "continuation":..., "complete":bool}}. Each
 * character is one round: the top miners' next-character distributions for the text so far, mixed
 * by incentive ({@link TextCombiner}), then decoded ({@link TextGenerator}). The prompt is first
 * mapped onto the subnet's alphabet ({@link Alphabet#normalise}). If the miners stop answering mid
 * way the continuation so far is returned with {@code complete:false} (and charged); if the first
 * character gets no answer the query is unanswered (503, not charged).
 */
final class TextService implements SubnetService {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_PROMPT = 16 * 1024;
    static final int DEFAULT_CHARS = 100;
    private final TextCombiner combiner = new TextCombiner();
    private final AtomicLong ids = new AtomicLong(1L << 40);

    @Override
    public String name() {
        return "text";
    }

    @Override
    public List<String> taskTypes() {
        return List.of("continue");
    }

    @Override
    public ObjectNode inputSchema() {
        ObjectNode s = JSON.createObjectNode().put("type", "object");
        s.putArray("required").add("text");
        ObjectNode p = s.putObject("properties");
        p.putObject("text")
                .put("type", "string")
                .put("maxLength", MAX_PROMPT)
                .put("description", "the prompt; mapped to lower-case letters, space and . , ; : ! ? ' \" -");
        p.putObject("chars")
                .put("type", "integer")
                .put("minimum", 1)
                .put("maximum", TextGenerator.MAX_CHARS)
                .put("default", DEFAULT_CHARS);
        p.putObject("decoding")
                .put("type", "string")
                .put("default", "greedy")
                .putArray("enum")
                .add("greedy")
                .add("sample");
        p.putObject("seed").put("type", "integer").put("default", 0).put("description", "for decoding=sample");
        return s;
    }

    @Override
    public ObjectNode answerSchema() {
        ObjectNode s = JSON.createObjectNode().put("type", "object");
        ObjectNode p = s.putObject("properties");
        p.putObject("prompt").put("type", "string");
        p.putObject("continuation").put("type", "string");
        p.putObject("complete").put("type", "boolean");
        return s;
    }

    @Override
    public ObjectNode example() {
        return JSON.createObjectNode()
                .put("text", "Call me Ishmael. Some years ago")
                .put("chars", 80)
                .put("decoding", "greedy");
    }

    @Override
    public Task parse(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object {\"text\":\"...\",\"chars\":N}");
        }
        JsonNode t = input.get("text");
        if (t == null || !t.isTextual() || t.asText().length() > MAX_PROMPT) {
            throw new IllegalArgumentException("'text' must be a string of at most " + MAX_PROMPT + " characters");
        }
        String prompt = Alphabet.normalise(t.asText());
        int chars = DEFAULT_CHARS;
        if (input.has("chars")) {
            JsonNode c = input.get("chars");
            if (!c.isIntegralNumber() || c.asInt() < 1 || c.asInt() > TextGenerator.MAX_CHARS) {
                throw new IllegalArgumentException("'chars' must be 1 to " + TextGenerator.MAX_CHARS);
            }
            chars = c.asInt();
        }
        TextGenerator.Decoding decoding = TextGenerator.Decoding.GREEDY;
        if (input.has("decoding")) {
            String d = input.get("decoding").asText().toUpperCase(Locale.ROOT);
            try {
                decoding = TextGenerator.Decoding.valueOf(d);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'decoding' must be greedy or sample");
            }
        }
        long seed = 0;
        if (input.has("seed")) {
            if (!input.get("seed").isIntegralNumber()) {
                throw new IllegalArgumentException("'seed' must be a whole number");
            }
            seed = input.get("seed").asLong();
        }
        int n = chars;
        TextGenerator.Decoding dec = decoding;
        long s = seed;
        return miners -> {
            TextGenerator.Generated g = TextGenerator.generate(prompt, n, dec, s, context -> {
                TextRound round = new TextRound(List.of(new TextTask(ids.incrementAndGet(), context, 1)));
                return miners.ask(TextRound.SYNAPSE, round, combiner)
                        .map(c -> c.answer().distributions().get(0)[0]);
            });
            if (g.text().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(JSON.createObjectNode()
                    .put("prompt", prompt)
                    .put("continuation", g.text())
                    .put("complete", g.complete()));
        };
    }
}
