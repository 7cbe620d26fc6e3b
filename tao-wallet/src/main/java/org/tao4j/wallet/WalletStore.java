package org.tao4j.wallet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The directory holding all wallets, one subdirectory per wallet: by default
 * {@code ~/.tao/wallets} ({@code ~} is {@code $HOME}, see {@link #userHome()}), overridden by {@code TAO_WALLET_PATH}, overridden by an explicit path
 * ({@code --wallet-path}).
 */
public final class WalletStore {
    /** The environment variable that moves the wallet directory. */
    public static final String PATH_ENV = "TAO_WALLET_PATH";
    /** Names sort case-insensitively first, so "Alice" and "alice" sit together; then exactly. */
    static final Comparator<String> NAME_ORDER = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private final Path root;

    private WalletStore(Path root) {
        this.root = root;
    }

    /** The store at exactly {@code root}. */
    public static WalletStore at(Path root) {
        return new WalletStore(
                Objects.requireNonNull(root, "root").toAbsolutePath().normalize());
    }

    /**
     * The store at {@code explicit} if not null, else {@code $TAO_WALLET_PATH} if set and not
     * blank, else {@code ~/.tao/wallets}.
     */
    public static WalletStore locate(Path explicit) {
        return at(resolveRoot(explicit, System.getenv(), userHome()));
    }

    /**
     * The user's home directory as a shell sees it: {@code $HOME} when set and not blank, else the
     * JVM's {@code user.home} (the passwd entry). Every {@code ~/.tao/...} default of the command line
     * starts here, so {@code HOME=/tmp/x tao ...} moves all of them, as it does for other tools.
     */
    public static String userHome() {
        return userHome(System.getenv("HOME"), System.getProperty("user.home"));
    }

    static String userHome(String envHome, String passwdHome) {
        return envHome != null && !envHome.isBlank() ? envHome : passwdHome;
    }

    static Path resolveRoot(Path explicit, Map<String, String> env, String userHome) {
        if (explicit != null) {
            return expandHome(explicit.toString(), userHome);
        }
        String fromEnv = env.get(PATH_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return expandHome(fromEnv.strip(), userHome);
        }
        return Path.of(userHome, ".tao", "wallets");
    }

    // "~/x" as a shell would expand it; config files and quoted arguments arrive unexpanded
    private static Path expandHome(String path, String userHome) {
        if (path.equals("~")) {
            return Path.of(userHome);
        }
        if (path.startsWith("~/")) {
            return Path.of(userHome, path.substring(2));
        }
        return Path.of(path);
    }

    public Path root() {
        return root;
    }

    /**
     * The wallet called {@code name}, which need not exist yet.
     *
     * @throws WalletException {@code INVALID_NAME}
     */
    public Wallet wallet(String name) {
        return new Wallet(Names.check("wallet", name), root.resolve(name));
    }

    /** The existing wallets (directories with valid names), sorted by name; none if the root is missing. */
    public List<Wallet> wallets() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && Names.valid("wallet", n)) {
                    names.add(n);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new WalletException(
                    WalletException.Reason.IO, "cannot list wallets in " + root + ": " + SecureFiles.describe(e), e);
        }
        names.sort(NAME_ORDER);
        return names.stream().map(n -> new Wallet(n, root.resolve(n))).toList();
    }

    @Override
    public String toString() {
        return "WalletStore[" + root + "]";
    }
}
