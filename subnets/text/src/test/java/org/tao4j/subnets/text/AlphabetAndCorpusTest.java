package org.tao4j.subnets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlphabetAndCorpusTest {
    @Test
    void normaliseMapsOntoTheAlphabet() {
        assertThat(Alphabet.SIZE).isEqualTo(36);
        assertThat(Alphabet.normalise("  Call me Ishmael.\nSome years ago\u2014never mind  how long!"))
                .isEqualTo("call me ishmael. some years ago-never mind how long!");
        assertThat(Alphabet.normalise("\u201cCaf\u00e9,\u201d he said; \u2018it\u2019s 1851 (or so)*\u2019"))
                .isEqualTo("\"cafe,\" he said; 'it's or so'");
        assertThat(Alphabet.normalise("\t\n")).isEmpty();
        assertThat(Alphabet.contains(Alphabet.normalise("\u00c6gir & \u00df $5 [x] \u00e0 la")))
                .isTrue();
    }

    @Test
    void encodeRoundTripsAndRefusesForeignCharacters() {
        byte[] codes = Alphabet.encode("a b.\"-");
        StringBuilder back = new StringBuilder();
        for (byte c : codes) {
            back.append(Alphabet.symbol(c));
        }
        assertThat(back.toString()).isEqualTo("a b.\"-");
        assertThatThrownBy(() -> Alphabet.encode("A")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mobyDickSplitsByChapters() {
        Corpus corpus = Corpus.mobyDick();
        assertThat(corpus.chapters()).isEqualTo(135);
        assertThat(corpus.trainingChapters()).isEqualTo(121);
        assertThat(corpus.training()).startsWith("call me ishmael. some years ago-never mind how long precisely");
        assertThat(corpus.training())
                .doesNotContain("chapter . the carpet-bag.")
                .hasSizeGreaterThan(1_000_000);
        assertThat(corpus.heldOut())
                .endsWith("rolled on as it rolled five thousand years ago.")
                .hasSizeGreaterThan(100_000);
        assertThat(Alphabet.contains(corpus.training())).isTrue();
        assertThat(Alphabet.contains(corpus.heldOut())).isTrue();
        // chapter 122 ("Midnight Aloft.-Thunder and Lightning.") opens the held-out part
        assertThat(corpus.heldOut()).startsWith("the main-top-sail yard.-tashtego passing new lashings");
        assertThat(corpus.training()).doesNotContain("tashtego passing new lashings");
    }

    @Test
    void smallCorpusSplitsTheLastTenthRoundedUp() {
        StringBuilder raw = new StringBuilder("Preface, dropped.\n");
        for (int i = 1; i <= 11; i++) {
            raw.append("CHAPTER ")
                    .append(i)
                    .append(". Title ")
                    .append(i)
                    .append(".\n\nText ")
                    .append(i)
                    .append(".\n");
        }
        Corpus corpus = Corpus.fromChapters("tiny", raw.toString());
        assertThat(corpus.chapters()).isEqualTo(11);
        assertThat(corpus.trainingChapters()).isEqualTo(9);
        assertThat(corpus.training()).startsWith("text . text .");
        assertThat(corpus.heldOut()).isEqualTo("text . text .");
    }
}
