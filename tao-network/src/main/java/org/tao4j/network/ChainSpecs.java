package org.tao4j.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.ChainParams;

/** Writes new chain specs for a network of authorities ({@code tao chain-spec new}). */
public final class ChainSpecs {

    private ChainSpecs() {}

    /**
     * An authority given on the command line: a dev URI ({@code //Alice}, non-live specs only), an SS58
     * address (the public key), or a file holding a 32-byte ed25519 seed as hex (the key file that
     * {@code tao node --authority FILE} uses).
     */
    public static AccountId authority(String s, boolean live) {
        if (s.startsWith("//")) {
            if (live) {
                throw new IllegalArgumentException(
                        "--authorities " + s + ": dev keys are for non-live chains; give SS58 addresses or key files");
            }
            try {
                return DevAccounts.account(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--authorities: " + e.getMessage());
            }
        }
        try {
            return AccountId.fromSs58(s);
        } catch (IllegalArgumentException notAddress) {
            Path f = Path.of(s);
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException(
                        "--authorities: '" + s + "' is neither a dev URI (//Alice), an SS58 address nor a key file");
            }
            try {
                byte[] seed = Hex.fromHex(Files.readString(f).trim(), 32);
                return AccountId.of(Ed25519.KeyPair.fromSeed(seed).publicKey());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "--authorities: key file " + s + " must hold a 32-byte seed as hex: " + e.getMessage());
            }
        }
    }

    /**
     * A new spec. {@code bootnodes} are {@code host:port} (paired with the authorities in order) or full
     * {@code <SS58>@host:port} entries; a non-live spec endows the dev accounts and makes Alice sudo,
     * a live one has neither (docs/spec/chain.md §1).
     */
    public static ChainSpec create(String name, boolean live, List<String> authorities, List<String> bootnodes) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("--name is required");
        }
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("--authorities needs at least one authority");
        }
        List<AccountId> set = new ArrayList<>();
        for (String a : authorities) {
            AccountId id = authority(a.trim(), live);
            if (set.contains(id)) {
                throw new IllegalArgumentException("--authorities lists " + a + " twice");
            }
            set.add(id);
        }
        List<ChainSpec.Bootnode> boot = new ArrayList<>();
        boolean paired = !bootnodes.isEmpty() && bootnodes.stream().noneMatch(b -> b.contains("@"));
        if (paired && bootnodes.size() != set.size()) {
            throw new IllegalArgumentException("--bootnodes gives " + bootnodes.size() + " addresses for " + set.size()
                    + " authorities; give one host:port per authority, in the same order");
        }
        for (int i = 0; i < bootnodes.size(); i++) {
            String b = bootnodes.get(i).trim();
            boot.add(ChainSpec.Bootnode.parse(paired ? set.get(i).toSs58() + "@" + b : b));
        }
        if (live) {
            return new ChainSpec(name, idOf(name), true, set, ChainParams.live(), List.of(), null, boot);
        }
        return Localnet.devSpec(name, set, boot);
    }

    static String idOf(String name) {
        String id = name.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_.-]+", "_")
                .replaceAll("^_+|_+$", "");
        if (id.isEmpty()) {
            id = "chain";
        }
        return id.length() > 64 ? id.substring(0, 64) : id;
    }
}
