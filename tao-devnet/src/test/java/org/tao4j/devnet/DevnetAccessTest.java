package org.tao4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tao devnet --access} (the default): a gateway on a validator and an outside client paying
 * for a query every few seconds; at the end the summary's {@code access} entry adds up to the rao.
 */
class DevnetAccessTest {
    @TempDir
    Path dir;

    @Test
    void theOutsideClientPaysTheGatewayClaimsAndTheChannelAddsUpToTheRao() throws Exception {
        Path summary = dir.resolve("summary.json");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        int rc = Devnet.run(
                out,
                "--epochs",
                "3",
                "--headless",
                "--subnets",
                "forecast",
                "--commit-reveal",
                "none",
                "--validators",
                "1",
                "--miners",
                "3",
                "--tempo",
                "20",
                "--summary",
                summary.toString(),
                "--fresh",
                "--base-path",
                dir.resolve("data").toString(),
                "--rpc-port",
                "0",
                "--metrics-port",
                "-1");
        System.out.println(log);
        assertThat(rc).as("exit code; log:%n%s", log).isZero();
        JsonNode s = new ObjectMapper().readTree(Files.readString(summary));
        JsonNode access = s.get("access");
        System.out.println(access.toPrettyString());
        assertThat(access).hasSize(1);
        JsonNode a = access.get(0);
        assertThat(a.get("gateway").asText()).startsWith("5");
        long queries = a.get("queries").asLong();
        assertThat(queries).as("queries served in three epochs").isPositive();
        assertThat(a.get("paid_rao").asLong()).isEqualTo(queries * DevnetAccess.PRICE);
        assertThat(a.get("claimed_rao").asLong())
                .as("everything paid is claimed")
                .isEqualTo(a.get("paid_rao").asLong());
        assertThat(a.get("deposit_rao").asLong()).isEqualTo(DevnetAccess.DEPOSIT);
        assertThat(a.get("claimed_rao").asLong()
                        + a.get("refunded_rao").asLong()
                        + a.get("locked_rao").asLong())
                .isEqualTo(a.get("deposit_rao").asLong());
        assertThat(s.get("total_issuance").asLong())
                .isEqualTo(s.get("expected_issuance").asLong());
        assertThat(log.toString()).contains("access: gateway");
    }
}
