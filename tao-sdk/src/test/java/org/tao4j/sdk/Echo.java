package org.tao4j.sdk;

/** The test synapses: an echo and a token stream. */
public final class Echo {
    private Echo() {}

    public record Ask(String text, long sleepMillis) {
        public Ask(String text) {
            this(text, 0);
        }
    }

    public record Answer(String text) {}

    public record Token(int index, String text) {}

    public static final Synapse<Ask, Answer> ECHO = Synapse.of("Echo", Ask.class, Answer.class);
    public static final StreamingSynapse<Ask, Token> TOKENS = StreamingSynapse.of("Tokens", Ask.class, Token.class);
}
