package org.tao4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new user's rough edges (issue 17), against a dev node: results on stdout and with -q, dev URIs for
 * subnet create, the owner check before signing, the register preview, chain status and emission.
 */
class CliNewUserTest {

    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    /** Human output (no --json), -y, plus the given flags. */
    static CliHarness.Run human(String... args) {
        return cli.run(false, true, args);
    }

    @Test
    void resultsGoToStdoutAndQuietPrintsOnlyThem() {
        JsonNode w = cli.createWallet("q", "h");
        String cold = w.get("coldkey").asText();
        String hot = w.get("hotkey_address").asText();
        CliHarness.Run fund = human("wallet", "transfer", "--wallet", "//Alice", "--dest", cold, "--amount", "100");
        assertThat(fund.code()).as(fund.err()).isZero();
        assertThat(fund.out())
                .contains("✓ finalized in block #")
                .contains("Sent τ100.000000000 to " + cold)
                .contains("event ");
        assertThat(fund.err()).doesNotContain("finalized in block");

        CliHarness.Run quiet =
                human("wallet", "transfer", "--wallet", "//Alice", "--dest", cold, "--amount", "1", "-q");
        assertThat(quiet.code()).as(quiet.err()).isZero();
        assertThat(quiet.out().strip())
                .startsWith("Sent τ1.000000000 to " + cold)
                .doesNotContain("\n")
                .doesNotContain("event");

        CliHarness.Run root = human("root", "register", "--wallet", "q", "--hotkey", "h", "-q");
        assertThat(root.code()).as(root.err()).isZero();
        assertThat(root.out().strip())
                .startsWith("Registered " + hot + " on the root network (block #")
                .doesNotContain("\n");
        CliHarness.Run stake = human("stake", "add", "--wallet", "q", "--hotkey", "h", "--amount", "2", "-q");
        assertThat(stake.code()).as(stake.err()).isZero();
        assertThat(stake.out().strip())
                .startsWith("Staked τ2.000000000 on " + hot + "; stake τ2.000000000 (block #")
                .doesNotContain("\n");
    }

    @Test
    void devUriCreatesASubnetAndOnlyItsOwnerMaySetHyperparameters() {
        CliHarness.Run create = human("subnet", "create", "--wallet", "//Alice", "-q");
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(create.out().strip()).startsWith("Created subnet ");
        int netuid = Integer.parseInt(
                create.out().strip().replaceAll("\\D+", " ").strip().split(" ")[0]);

        // another coldkey: refused before signing, nothing paid
        String bob = cli.ok("wallet", "transfer", "--wallet", "//Alice", "--dest", "//Bob", "--amount", "1")
                .get("to")
                .asText();
        long nonce = cli.nonce(bob);
        String msg = cli.fails(
                2,
                "is owned by",
                "subnet",
                "set-hyperparameter",
                String.valueOf(netuid),
                "weights_set_rate_limit",
                "7",
                "--wallet",
                "//Bob");
        assertThat(msg).contains("Your subnets: none").contains("Nothing was submitted");
        cli.fails(
                2,
                "set by governance",
                "subnet",
                "set-hyperparameter",
                String.valueOf(netuid),
                "tempo",
                "7",
                "--wallet",
                "//Alice");
        assertThat(cli.nonce(bob)).isEqualTo(nonce);

        // the owner, with the netuid as an option this time, -q: one result line
        CliHarness.Run set = human(
                "subnet",
                "set-hyperparameter",
                "--netuid",
                String.valueOf(netuid),
                "weights_set_rate_limit",
                "7",
                "--wallet",
                "//Alice",
                "-q");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out().strip())
                .startsWith("weights_set_rate_limit on subnet " + netuid + " is now 7 (was ")
                .doesNotContain("\n");

        // hyperparameters: burns in TAO
        CliHarness.Run hp = human("subnet", "hyperparameters", String.valueOf(netuid));
        assertThat(hp.out()).containsPattern("min_burn\\s+τ").containsPattern("max_burn\\s+τ");

        // the register preview promises an upper bound; the result says what was burned
        JsonNode u = cli.createWallet("r", "h");
        cli.fund(u.get("coldkey").asText(), "100");
        CliHarness.Run reg =
                cli.run(false, true, "subnet", "register", String.valueOf(netuid), "--wallet", "r", "--hotkey", "h");
        assertThat(reg.code()).as(reg.err()).isZero();
        assertThat(reg.err()).contains("burns at most τ").contains("effect: burn at most τ");
        assertThat(reg.out()).containsPattern("Registered as uid \\d+ on subnet " + netuid + "; burned τ");
    }

    @Test
    void finalizedIsNeverAheadOfHead() {
        for (int i = 0; i < 25; i++) {
            JsonNode s = cli.ok("chain", "status");
            assertThat(s.get("finalized").asLong())
                    .as(s.toString())
                    .isLessThanOrEqualTo(s.get("head").asLong());
        }
    }

    @Test
    void emissionDefaultsToTheChainsIssuance() {
        long before = cli.client().supply().totalIssuance();
        JsonNode e = cli.ok("emission");
        long after = cli.client().supply().totalIssuance();
        assertThat(e.get("issuance").asLong()).isBetween(before, after);
    }

    @Test
    void aTruncatedAddressIsALengthError() {
        String alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        String msg = cli.fails(
                2,
                "wrong length",
                "wallet",
                "transfer",
                "--wallet",
                "//Alice",
                "--dest",
                alice.substring(0, 40),
                "--amount",
                "1");
        assertThat(msg).contains("is the address complete?");
    }
}
