package org.tao4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MnemonicTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Bip39Vectors.Vector> vectors() {
        return Bip39Vectors.ALL.stream();
    }

    @Test
    void bundledWordlistIsTheOfficialOne() throws Exception {
        byte[] raw;
        try (InputStream in = Bip39Wordlist.class.getResourceAsStream(Bip39Wordlist.RESOURCE)) {
            raw = in.readAllBytes();
        }
        assertThat(HEX.formatHex(Bip39Wordlist.sha256(raw)))
                .isEqualTo("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda");
        List<String> words = Bip39Wordlist.words();
        assertThat(words).hasSize(2048).startsWith("abandon", "ability", "able").endsWith("zone", "zoo");
        assertThat(words).isSorted().doesNotHaveDuplicates();
        Set<String> prefixes = new HashSet<>();
        words.forEach(w -> prefixes.add(w.substring(0, Math.min(4, w.length()))));
        assertThat(prefixes).as("first four letters identify a word").hasSize(2048);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void entropyToPhraseMatchesPublishedVectors(Bip39Vectors.Vector v) {
        Mnemonic m = Mnemonic.fromEntropy(HEX.parseHex(v.entropy()));
        assertThat(m.phrase()).isEqualTo(v.phrase());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void phraseToEntropyMatchesPublishedVectors(Bip39Vectors.Vector v) {
        Mnemonic m = Mnemonic.parse(v.phrase());
        assertThat(HEX.formatHex(m.entropy())).isEqualTo(v.entropy());
        assertThat(m.wordCount()).isEqualTo(v.phrase().split(" ").length);
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 15, 18, 21, 24})
    void generatedMnemonicsRoundTrip(int words) {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 20; i++) {
            Mnemonic m = Mnemonic.generate(words, random);
            assertThat(m.wordCount()).isEqualTo(words);
            assertThat(m.entropy()).hasSize(words * 4 / 3);
            Mnemonic back = Mnemonic.parse(m.phrase());
            assertThat(back.entropy()).isEqualTo(m.entropy());
            assertThat(back.phrase()).isEqualTo(m.phrase());
        }
    }

    @Test
    void parsingToleratesCaseAndSpacing() {
        Mnemonic m =
                Mnemonic.parse("  Legal WINNER thank\tyear\nwave sausage  worth useful legal winner thank yellow \n");
        assertThat(m.phrase()).isEqualTo("legal winner thank year wave sausage worth useful legal winner thank yellow");
        // pasted from a web page or a word processor: no-break and other Unicode spaces
        Mnemonic pasted = Mnemonic.parse("\u00a0legal\u00a0winner thank\u2003year wave sausage worth useful legal"
                + " winner thank yellow\u202f");
        assertThat(pasted.phrase()).isEqualTo(m.phrase());
        assertThatThrownBy(() -> Mnemonic.parse("\u00a0 \u2003")).hasMessage("the mnemonic is empty");
    }

    @Test
    void wrongWordCountIsRefused() {
        assertThatThrownBy(() -> Mnemonic.parse(
                        "abandon abandon abandon abandon abandon abandon abandon abandon abandon" + " abandon about"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a mnemonic has 12, 15, 18, 21 or 24 words, this one has 11");
        assertThatThrownBy(() -> Mnemonic.parse("   ")).hasMessage("the mnemonic is empty");
        assertThatThrownBy(() -> Mnemonic.generate(13, new SecureRandom()))
                .hasMessageContaining("12, 15, 18, 21 or 24 words, not 13");
    }

    @Test
    void unknownWordIsNamedWithItsPositionAndASuggestion() {
        assertThatThrownBy(() ->
                        Mnemonic.parse("legal winner thank year wave sausage wrth useful legal winner thank yellow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("word 7 \"wrth\" is not in the BIP39 English list (did you mean \"worth\"?)");
        // a four-letter prefix identifies the word even when the rest is garbled
        assertThatThrownBy(() ->
                        Mnemonic.parse("legal winner thank year wave sausagexx worth useful legal winner thank yellow"))
                .hasMessage("word 6 \"sausagexx\" is not in the BIP39 English list (did you mean \"sausage\"?)");
        // a transposition is one edit
        assertThatThrownBy(() ->
                        Mnemonic.parse("legal winner thank yaer wave sausage worth useful legal winner thank yellow"))
                .hasMessage("word 4 \"yaer\" is not in the BIP39 English list (did you mean \"year\"?)");
    }

    @Test
    void everyUnknownWordIsReportedAndHopelessOnesGetNoSuggestion() {
        assertThatThrownBy(() ->
                        Mnemonic.parse("legal winner thank year wave sausage worth useful legal qqqqqqq thank yelow"))
                .hasMessage("word 10 \"qqqqqqq\" is not in the BIP39 English list; "
                        + "word 12 \"yelow\" is not in the BIP39 English list (did you mean \"yellow\"?)");
    }

    @Test
    void badChecksumIsRefused() {
        // every word valid, last word wrong
        assertThatThrownBy(() -> Mnemonic.parse("abandon abandon abandon abandon abandon abandon abandon abandon"
                        + " abandon abandon abandon abandon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the mnemonic's checksum does not match");
        // two words swapped
        assertThatThrownBy(() ->
                        Mnemonic.parse("winner legal thank year wave sausage worth useful legal winner thank yellow"))
                .hasMessageContaining("checksum does not match");
    }

    @Test
    void errorMessagesStayOnOneLine() {
        assertThatThrownBy(() -> Mnemonic.parse(
                        "legal winner thank year wave sausage worth useful legal winner thank ye\u0007llow"))
                .satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain("\u0007").doesNotContain("\n"));
    }

    @Test
    void toStringDoesNotRevealTheWords() {
        Mnemonic m = Mnemonic.parse(Bip39Vectors.ALL.get(1).phrase());
        assertThat(m.toString()).isEqualTo("Mnemonic[12 words, <redacted>]").doesNotContain("legal");
    }

    @Test
    void entropyIsACopy() {
        Mnemonic m = Mnemonic.parse(Bip39Vectors.ALL.get(1).phrase());
        m.entropy()[0] = 0;
        assertThat(m.entropy()[0]).isEqualTo((byte) 0x7f);
    }

    @Test
    void badEntropyLengthIsRefused() {
        assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[17]))
                .hasMessage("BIP39 entropy must be 16, 20, 24, 28 or 32 bytes, got 17");
    }
}
