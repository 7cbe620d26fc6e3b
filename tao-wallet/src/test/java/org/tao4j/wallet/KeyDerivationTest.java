package org.tao4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.scale.ScaleWriter;

class KeyDerivationTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ABOUT =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    /**
     * The dev accounts of sp-keyring's ed25519 keyring (substrate/primitives/keyring/src/ed25519.rs),
     * which are {@code //Name} on the dev phrase; the SS58 addresses agree with polkadot.js.
     */
    static Stream<Arguments> devAccounts() {
        return Stream.of(
                Arguments.of(
                        "//Alice",
                        "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee",
                        "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu"),
                Arguments.of(
                        "//Bob",
                        "d17c2d7823ebf260fd138f2d7e27d114c0145d968b5ff5006125f2414fadae69",
                        "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E"),
                Arguments.of(
                        "//Charlie",
                        "439660b36c6c03afafca027b910b4fecf99801834c62a5e6006f27d978de234f",
                        "5DbKjhNLpqX3zqZdNBc9BGb4fHU1cRBaDhJUskrvkwfraDi6"),
                Arguments.of(
                        "//Dave",
                        "5e639b43e0052c47447dac87d6fd2b6ec50bdd4d0f614e4299c665249bbd09d9",
                        "5ECTwv6cZ5nJQPk6tWfaTrEk8YH2L7X1VT4EL5Tx2ikfFwb7"),
                Arguments.of(
                        "//Eve",
                        "1dfe3e22cc0d45c70779c1095f7489a8ef3cf52d62fbd8c2fa38c9f1723502b5",
                        "5Ck2miBfCe1JQ4cY3NDsXyBaD6EcsgiVmEFTWwqNSs25XDEq"),
                Arguments.of(
                        "//Ferdie",
                        "568cb4a574c6d178feb39c27dfc8b3f789e5f5423e19c71633c748b9acf086b5",
                        "5E2BmpVFzYGd386XRCZ76cDePMB3sfbZp5ZKGUsrG1m6gomN"),
                Arguments.of(
                        "//Alice//stash",
                        "451781cd0c5504504f69ceec484cc66e4c22a2b6a9d20fb1a426d91ad074a2a8",
                        "5DdJ9KX9gm9UvZpcpY6av29Q4uzbjuHdp5zEmV6FCh2FXiBc"),
                Arguments.of("//Bob//stash", "292684abbb28def63807c5f6e84e9e8689769eb37b1ab130d79dbfbf1b9a0d44", null),
                Arguments.of(
                        "//Charlie//stash", "dd6a6118b6c11c9c9e5a4f34ed3d545e2c74190f90365c60c230fa82e9423bb9", null),
                Arguments.of("//Dave//stash", "1d0432d75331ab299065bee79cdb1bdc2497c597a3087b4d955c67e3c000c1e2", null),
                Arguments.of("//Eve//stash", "c833bdd2e1a7a18acc1c11f8596e2e697bb9b42d6b6051e474091a1d43a294d7", null),
                Arguments.of(
                        "//Ferdie//stash", "199d749dbf4b8135cb1f3c8fd697a390fc0679881a8a110c1d06375b3b62cd09", null),
                Arguments.of(
                        "//One",
                        "16f97016bbea8f7b45ae6757b49efc1080accc175d8f018f9ba719b60b0815e4",
                        "5Caq1V1MnhfNNoGza9sqx1so37LNq2N5xMeR7xpVpv7Nqgnf"),
                Arguments.of(
                        "//Two",
                        "5079bcd20fd97d7d2f752c4607012600b401950260a91821f73e692071c82bf5",
                        "5DtDrLseQBezH6PQuGniJL8kXLK1sFzYDbw74M6ZoQ9W34Qb"));
    }

    @ParameterizedTest
    @MethodSource("devAccounts")
    void devAccountsMatchSubstrate(String suri, String publicKey, String ss58) {
        KeyMaterial key = KeyDerivation.fromSuri(suri);
        assertThat(key.publicKey().toHex()).isEqualTo("0x" + publicKey);
        if (ss58 != null) {
            assertThat(key.ss58()).isEqualTo(ss58);
        }
        assertThat(key.mnemonic())
                .as("a derived key's mnemonic is not a backup of it")
                .isEmpty();
    }

    @Test
    void aliceAsSubkeyPrintsIt() {
        // subkey inspect --scheme ed25519 //Alice
        KeyMaterial alice = KeyDerivation.fromSuri("//Alice");
        assertThat(alice.publicKey().toHex())
                .isEqualTo("0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee");
        assertThat(alice.ss58()).isEqualTo("5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu");
        assertThat(AccountId.fromSs58(alice.ss58())).isEqualTo(alice.accountId());
        assertThat(KeyDerivation.fromSuri(KeyDerivation.DEV_PHRASE + "//Alice").publicKey())
                .isEqualTo(alice.publicKey());
    }

    /** Mnemonic (or SURI) → public key → SS58, the vectors published in docs/wallet.md; cross-checked with polkadot.js 13. */
    static Stream<Arguments> publishedVectors() {
        return WalletVectors.ALL.stream().map(v -> Arguments.of(v.suri(), v.publicKey(), v.ss58()));
    }

    @ParameterizedTest
    @MethodSource("publishedVectors")
    void publishedVectorsHold(String suri, String publicKey, String ss58) {
        KeyMaterial key = KeyDerivation.fromSuri(suri);
        assertThat(key.publicKey().toHex()).isEqualTo(publicKey);
        assertThat(key.ss58()).isEqualTo(ss58);
        assertThat(AccountId.fromSs58(ss58).toHex()).isEqualTo(publicKey);
    }

    @ParameterizedTest
    @MethodSource("org.tao4j.wallet.MnemonicTest#vectors")
    void seedFromEntropyMatchesSubstrateBip39(Bip39Vectors.Vector v) {
        byte[] seed = KeyDerivation.seedFromEntropy(HEX.parseHex(v.entropy()), Bip39Vectors.PASSWORD);
        assertThat(HEX.formatHex(seed)).isEqualTo(v.substrateSeed());
        byte[] mini = KeyDerivation.miniSecret(Mnemonic.parse(v.phrase()), Bip39Vectors.PASSWORD);
        assertThat(HEX.formatHex(mini)).isEqualTo(v.substrateSeed().substring(0, 64));
    }

    @Test
    void miniSecretUsesTheEntropyNotThePhrase() {
        // plain BIP-0039 would hash the phrase: with "TREZOR" that gives c55257c3... for this phrase
        byte[] mini = KeyDerivation.miniSecret(Mnemonic.parse(ABOUT), "TREZOR");
        assertThat(HEX.formatHex(mini)).doesNotStartWith("c55257c360c07c72");
    }

    @Test
    void hardDerivationMatchesSpCore() {
        // sp-core ed25519 seed_and_derive_should_work: DeriveJunction::Hard([0; 32]) is //0
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] derived = KeyDerivation.deriveHard(seed, new byte[32]);
        assertThat(HEX.formatHex(derived))
                .isEqualTo("ede3354e133f9c8e337ddd6ee5415ed4b4ffe5fc7d21e933f4930a3730e5b21c");
        KeyMaterial viaSuri =
                KeyDerivation.fromSuri("0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60//0");
        assertThat(viaSuri.keyPair().seed()).isEqualTo(derived);
        // sp-core test_vector_by_string_should_work: a hex seed alone is RFC 8032 test 1
        assertThat(KeyDerivation.fromSuri("0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
                        .publicKey()
                        .toHex())
                .isEqualTo("0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    }

    @Test
    void hardDerivationIsTheDocumentedHash() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        byte[] cc = SecretUri.Junction.hard("tao").chainCode();
        byte[] expected = Blake2b.hash256(
                ScaleWriter.encode(w -> w.string("Ed25519HDKD").fixedBytes(seed).fixedBytes(cc)));
        assertThat(KeyDerivation.deriveHard(seed, cc)).isEqualTo(expected);
    }

    @Test
    void passwordInTheUriIsTheBip39Passphrase() {
        // sp-core default_phrase_should_be_used
        KeyMaterial a = KeyDerivation.fromSuri("//Alice///password");
        KeyMaterial b = KeyMaterial.fromSeed(KeyDerivation.derive(
                KeyDerivation.miniSecret(Mnemonic.parse(KeyDerivation.DEV_PHRASE), "password"),
                List.of(SecretUri.Junction.hard("Alice"))));
        assertThat(a.publicKey()).isEqualTo(b.publicKey());
        assertThat(a.publicKey()).isNotEqualTo(KeyDerivation.fromSuri("//Alice").publicKey());
    }

    @Test
    void junctionChainCodes() {
        assertThat(HEX.formatHex(SecretUri.Junction.hard("0").chainCode())).isEqualTo("00".repeat(32));
        assertThat(HEX.formatHex(SecretUri.Junction.hard("258").chainCode())).isEqualTo("0201" + "00".repeat(30));
        assertThat(HEX.formatHex(SecretUri.Junction.hard("18446744073709551615").chainCode()))
                .isEqualTo("ff".repeat(8) + "00".repeat(24));
        // one past u64::MAX is text
        assertThat(HEX.formatHex(SecretUri.Junction.hard("18446744073709551616").chainCode()))
                .startsWith("50" + HEX.formatHex("18446744073709551616".getBytes()));
        // "Alice": compact length 5 (0x14), then the bytes
        assertThat(HEX.formatHex(SecretUri.Junction.hard("Alice").chainCode()))
                .isEqualTo("14416c696365" + "00".repeat(26));
        // 31 bytes of text + 1 length byte fill the 32 exactly; one more byte and it is hashed
        String t31 = "a".repeat(31);
        assertThat(SecretUri.Junction.hard(t31).chainCode()).isEqualTo(ScaleWriter.encode(w -> w.string(t31)));
        String t32 = "a".repeat(32);
        assertThat(SecretUri.Junction.hard(t32).chainCode())
                .isEqualTo(Blake2b.hash256(ScaleWriter.encode(w -> w.string(t32))));
    }

    @Test
    void softJunctionsAreRefusedClearly() {
        assertThatThrownBy(() -> KeyDerivation.fromSuri("//Alice/soft"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ed25519 supports only hard derivation (//)")
                .hasMessageContaining("\"/soft\"");
        assertThatThrownBy(() -> KeyDerivation.fromSuri(ABOUT + "/0"))
                .hasMessageStartingWith("ed25519 supports only hard derivation (//)");
    }

    @Test
    void secretUriGrammar() {
        SecretUri s = SecretUri.parse(ABOUT + "//tao//42///pass/with//slashes");
        assertThat(s.phrase()).isEqualTo(ABOUT);
        assertThat(s.devPhrase()).isFalse();
        assertThat(s.path()).containsExactly(SecretUri.Junction.hard("tao"), SecretUri.Junction.hard("42"));
        assertThat(s.password()).contains("pass/with//slashes");
        assertThat(s.toString()).doesNotContain("abandon").doesNotContain("pass");

        SecretUri dev = SecretUri.parse("//Bob");
        assertThat(dev.devPhrase()).isTrue();
        assertThat(dev.phrase()).isEqualTo(KeyDerivation.DEV_PHRASE);

        assertThat(SecretUri.parse("Bottom drive obey lake curtain smoke basket hold race lonely fit  walk//Alice")
                        .devPhrase())
                .as("the dev phrase spelled out is still the public dev key")
                .isTrue();

        SecretUri onlyPassword = SecretUri.parse(ABOUT + "///");
        assertThat(onlyPassword.password()).contains("");
        assertThat(onlyPassword.path()).isEmpty();

        assertThat(SecretUri.parse(ABOUT + "/soft//hard").path())
                .containsExactly(new SecretUri.Junction("soft", false), SecretUri.Junction.hard("hard"));
    }

    @Test
    void malformedUrisAreRefused() {
        assertThatThrownBy(() -> SecretUri.parse("")).hasMessage("the secret URI is empty");
        assertThatThrownBy(() -> SecretUri.parse(ABOUT + "//a//")).hasMessageContaining("empty junction");
        assertThatThrownBy(() -> KeyDerivation.fromSuri(
                        "0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60///pw"))
                .hasMessage("a ///password applies to a mnemonic, not to a raw hex seed");
        assertThatThrownBy(() -> KeyDerivation.fromSuri("0x1234"))
                .hasMessage("bad hex seed in the secret URI: expected 32 bytes of hex, got 2");
        assertThatThrownBy(() -> KeyDerivation.fromSuri("not a real phrase//Alice"))
                .hasMessageContaining("a mnemonic has 12, 15, 18, 21 or 24 words");
    }

    @Test
    void mnemonicIsKeptOnlyWhenItAloneRestoresTheKey() {
        assertThat(KeyDerivation.fromSuri(ABOUT).mnemonic()).isPresent();
        assertThat(KeyDerivation.fromSuri(ABOUT + "//0").mnemonic()).isEmpty();
        assertThat(KeyDerivation.fromSuri(ABOUT + "///x").mnemonic()).isEmpty();
        assertThat(KeyMaterial.fromMnemonic(Mnemonic.parse(ABOUT), "x").mnemonic())
                .isEmpty();
        assertThatThrownBy(() -> new KeyMaterial(
                        Ed25519.KeyPair.fromSeed(new byte[32]), java.util.Optional.of(Mnemonic.parse(ABOUT))))
                .hasMessage("the mnemonic does not produce this key");
    }

    @Test
    void sixteenAndThirtyTwoZeroBytesOfEntropyGiveTheSameKey() {
        // HMAC pads its key with zeros, so all-zero entropies of any length up to 128 bytes
        // collide; documented in docs/wallet.md as a curiosity, harmless for random entropy
        String art = "abandon ".repeat(23) + "art";
        assertThat(KeyDerivation.fromSuri(art).publicKey())
                .isEqualTo(KeyDerivation.fromSuri(ABOUT).publicKey());
    }
}
