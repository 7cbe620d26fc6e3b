package org.tao4j.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ss58Test {
    static final AccountId ALICE =
            AccountId.fromHex("0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    static final String ALICE_42 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    @Test
    void encodesAliceWithPrefix42() {
        assertThat(Ss58.encode(ALICE)).isEqualTo(ALICE_42);
        assertThat(Ss58.decode(ALICE_42)).isEqualTo(ALICE);
    }

    @Test
    void encodesTheZeroAccount() {
        // the well-known all-zero account id under the generic Substrate prefix
        assertThat(Ss58.encode(new AccountId(new byte[32])))
                .isEqualTo("5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM");
    }

    /**
     * Alice under other prefixes. Prefixes 0 (Polkadot) and 2 (Kusama) are Alice's published
     * addresses; the two-byte prefixes were computed by an independent Python implementation of
     * sp-core's packing, to pin our bit layout.
     */
    @ParameterizedTest
    @CsvSource({
        "0, 15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5",
        "2, HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F",
        "64, cEaNSpz4PxFcZ7nT1VEKrKewH67rfx6MfcM6yKojyyPz7qaqp",
        "255, yGHXkYLYqxijLKKfd9Q2CB9shRVu8rPNBS53wvwGTutYg4zTg",
        "2032, wdCJ8CsZchTEfUP8Xz1eZKNRjW5cuYjJ9fh6pcZNXezsysBrJ",
        "16383, yNa8JpqfFB3q8A29rCwSgxvdU94ufJw2yKKxDgznS5m1PoFvn",
    })
    void otherPrefixes(int prefix, String address) {
        assertThat(Ss58.encode(ALICE, prefix)).isEqualTo(address);
        assertThat(Ss58.decode(address, prefix)).isEqualTo(ALICE);
    }

    @Test
    void rejectsOtherNetworks() {
        assertThatThrownBy(() -> Ss58.decode("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid SS58 address \"15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5\": "
                        + "wrong network prefix (expected 42, got 0)");
        assertThatThrownBy(() -> Ss58.decode("wdCJ8CsZchTEfUP8Xz1eZKNRjW5cuYjJ9fh6pcZNXezsysBrJ"))
                .hasMessageEndingWith("wrong network prefix (expected 42, got 2032)");
        assertThatThrownBy(() -> Ss58.decode(ALICE_42, 0))
                .hasMessageEndingWith("wrong network prefix (expected 0, got 42)");
    }

    @Test
    void rejectsNonCanonicalAndReservedPrefixes() {
        // 42 packed into the two-byte form, with a valid checksum
        assertThatThrownBy(() -> Ss58.decode("Zp5wgt7iipcBBD8qrDbgQerUy6vWeg3np21675SE43SmZaPo9"))
                .hasMessageEndingWith("wrong network prefix (expected 42, got non-canonical two-byte encoding of 42)");
        // first byte 0x80, reserved by sp-core
        assertThatThrownBy(() -> Ss58.decode("DrZg9tnv91k6T93t3eGTHiNyeqWAxBSabYLp7AvGcpQG7iU3"))
                .hasMessageEndingWith("wrong network prefix (expected 42, got reserved first byte 0x80)");
    }

    @Test
    void rejectsBadCharacters() {
        String bad = ALICE_42.substring(0, 10) + "0" + ALICE_42.substring(11);
        assertThatThrownBy(() -> Ss58.decode(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid SS58 address \"" + bad + "\": bad base58 character '0' at index 10");
        assertThatThrownBy(() -> Ss58.decode(ALICE_42 + "\n"))
                .hasMessageEndingWith("bad base58 character '\\u000a' at index 48")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Ss58.decode(" " + ALICE_42))
                .hasMessageEndingWith("bad base58 character ' ' at index 0");
    }

    @Test
    void rejectsWrongLengths() {
        assertThatThrownBy(() -> Ss58.decode("yA3vprfzKUKan9P1eXE6iMGCMSMDZEnAtb6wEjTEf86ZXt"))
                .hasMessageEndingWith("wrong length, decoded to 34 bytes, expected 35 or 36 "
                        + "(a 1- or 2-byte prefix, 32-byte account id, 2-byte checksum); is the address complete?");
        // a truncated address: its first byte decodes differently too, but the length is what is wrong
        for (int cut = 1; cut <= 5; cut++) {
            String truncated = ALICE_42.substring(0, ALICE_42.length() - cut);
            assertThatThrownBy(() -> Ss58.decode(truncated))
                    .as(truncated)
                    .hasMessageContaining("wrong length")
                    .hasMessageEndingWith("is the address complete?")
                    .hasMessageNotContaining("prefix (expected");
        }
        assertThatThrownBy(() -> Ss58.decode("Ks1TRTfTB2v19pD9G5yJ7QCuf8PT8EDE6ZPrHGo9DGneUGEXH"))
                .hasMessageEndingWith("wrong length, decoded to 36 bytes, expected 35 "
                        + "(1-byte prefix, 32-byte account id, 2-byte checksum)");
        assertThatThrownBy(() -> Ss58.decode(""))
                .hasMessage("invalid SS58 address \"\": wrong length, decoded to 0 bytes");
        assertThatThrownBy(() -> Ss58.decode("1"))
                .hasMessageEndingWith(
                        "wrong length, decoded to 1 bytes, expected 35 "
                                + "or 36 (a 1- or 2-byte prefix, 32-byte account id, 2-byte checksum); is the address complete?");
        String huge = "5".repeat(100_000);
        assertThatThrownBy(() -> Ss58.decode(huge))
                .hasMessageEndingWith("...\": wrong length, 100000 characters (at most 64)");
        assertThatThrownBy(() -> Ss58.decode(null)).hasMessage("invalid SS58 address: null");
    }

    @Test
    void rejectsBadChecksum() {
        String bad = ALICE_42.substring(0, ALICE_42.length() - 1) + "Z";
        assertThatThrownBy(() -> Ss58.decode(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid SS58 address \"" + bad + "\": bad checksum");
    }

    @Test
    void everySingleCharacterTypoIsRejected() {
        // exhaustive rather than random: a 16-bit checksum lets 1 in 65536 random typos through,
        // which would make a random property flaky; these 2736 are checked once and for all
        int rejected = 0;
        for (int i = 0; i < ALICE_42.length(); i++) {
            for (char c : Base58.ALPHABET.toCharArray()) {
                if (c == ALICE_42.charAt(i)) {
                    continue;
                }
                String typo = ALICE_42.substring(0, i) + c + ALICE_42.substring(i + 1);
                assertThatThrownBy(() -> Ss58.decode(typo)).as(typo).isInstanceOf(IllegalArgumentException.class);
                rejected++;
            }
        }
        assertThat(rejected).isEqualTo(48 * 57);
    }

    @Test
    void rejectsPrefixesOutOfRange() {
        assertThatThrownBy(() -> Ss58.encode(ALICE, 16384)).hasMessage("SS58 prefix must be 0 to 16383, got 16384");
        assertThatThrownBy(() -> Ss58.encode(ALICE, -1)).hasMessage("SS58 prefix must be 0 to 16383, got -1");
        assertThatThrownBy(() -> Ss58.decode(ALICE_42, 20000)).hasMessage("SS58 prefix must be 0 to 16383, got 20000");
    }

    @Property
    void roundTripsWithPrefix42(@ForAll @Size(32) byte[] key) {
        AccountId id = new AccountId(key);
        String address = Ss58.encode(id);
        assertThat(address).startsWith("5").hasSize(48);
        assertThat(Ss58.decode(address)).isEqualTo(id);
    }

    @Property
    void roundTripsWithAnyPrefix(@ForAll @Size(32) byte[] key, @ForAll @IntRange(max = 16383) int prefix) {
        AccountId id = new AccountId(key);
        assertThat(Ss58.decode(Ss58.encode(id, prefix), prefix)).isEqualTo(id);
    }

    @Property
    void prefixPackingIsABijection(@ForAll @IntRange(min = 64, max = 16383) int prefix) {
        byte[] b = Ss58.prefixBytes(prefix);
        assertThat(b).hasSize(2);
        assertThat(b[0] & 0xc0).isEqualTo(0x40);
        assertThat(Ss58.twoBytePrefix(b[0], b[1])).isEqualTo(prefix);
    }

    @Property
    void arbitraryStringsFailOnlyWithIllegalArgument(@ForAll @StringLength(max = 70) String s) {
        try {
            Ss58.decode(s);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("invalid SS58 address").doesNotContain("\n", "\r");
        }
    }

    @Property
    void arbitraryBase58StringsFailOnlyWithIllegalArgument(
            @ForAll @Chars({'1', '5', 'G', 'z', 'r', 'w'}) @StringLength(min = 40, max = 52) String s) {
        try {
            Ss58.decode(s);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("invalid SS58 address");
        }
    }
}
