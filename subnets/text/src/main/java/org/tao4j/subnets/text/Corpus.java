package org.tao4j.subnets.text;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A normalised text split into a training part, which miners learn from, and a held-out part,
 * which validators draw passages from, so that a miner that memorised the training text gains
 * nothing. The split is by chapters: the last tenth of them (rounded up) is held out. Each part is
 * its chapters normalised ({@link Alphabet#normalise}) and joined by single spaces. Immutable.
 */
public final class Corpus {
    /** Moby Dick, chapters 1-135, as shipped: see docs/subnets.md for source and licence. */
    public static final String MOBY_DICK_RESOURCE = "moby-dick.txt.gz";

    private static final Pattern CHAPTER_HEADING = Pattern.compile("(?m)^CHAPTER \\d+\\..*$");

    private final String name;
    private final int chapters;
    private final int trainingChapters;
    private final String training;
    private final String heldOut;

    private Corpus(String name, List<String> chapterTexts) {
        if (chapterTexts.size() < 2) {
            throw new IllegalArgumentException("need at least two chapters to split, got " + chapterTexts.size());
        }
        this.name = name;
        this.chapters = chapterTexts.size();
        this.trainingChapters = chapters - (chapters + 9) / 10;
        this.training = join(chapterTexts.subList(0, trainingChapters));
        this.heldOut = join(chapterTexts.subList(trainingChapters, chapters));
    }

    /** Moby Dick: 121 training chapters (about 1.06 M symbols), 14 held out (about 127 k). */
    public static Corpus mobyDick() {
        try (InputStream raw = Corpus.class.getResourceAsStream(MOBY_DICK_RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("resource missing: " + MOBY_DICK_RESOURCE);
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return fromChapters("moby-dick", new String(in.readAllBytes(), UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A corpus from raw text whose chapters start with lines like {@code CHAPTER 12. Title.}; the
     * heading lines themselves are left out, and so is any text before the first heading.
     */
    public static Corpus fromChapters(String name, String raw) {
        Matcher m = CHAPTER_HEADING.matcher(raw);
        List<String> texts = new ArrayList<>();
        int start = -1;
        while (m.find()) {
            if (start >= 0) {
                texts.add(Alphabet.normalise(raw.substring(start, m.start())));
            }
            start = m.end();
        }
        if (start >= 0) {
            texts.add(Alphabet.normalise(raw.substring(start)));
        }
        return new Corpus(name, texts);
    }

    private static String join(List<String> texts) {
        return String.join(" ", texts.stream().filter(t -> !t.isEmpty()).toList());
    }

    public String name() {
        return name;
    }

    public int chapters() {
        return chapters;
    }

    public int trainingChapters() {
        return trainingChapters;
    }

    /** What miners train on. */
    public String training() {
        return training;
    }

    /** What validators sample passages from; never shown to miners for training. */
    public String heldOut() {
        return heldOut;
    }
}
