package org.tao4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code ~/.tao/config.yaml}: defaults for the shared options. The format is a tiny subset of YAML:
 * one {@code key: value} per line, {@code #} comments, blank lines; nothing else.
 */
public final class Config {

    /** The keys a config may hold. */
    public static final Set<String> KEYS = Set.of("network", "wallet", "hotkey", "wallet-path");

    private final Path file;
    private final TreeMap<String, String> values;

    private Config(Path file, TreeMap<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** The config file: explicit, else $TAO_CONFIG, else ~/.tao/config.yaml ({@code ~} is $HOME). */
    public static Path locate(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String env = System.getenv("TAO_CONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(org.tao4j.wallet.WalletStore.userHome(), ".tao", "config.yaml");
    }

    public static Config load(Path file) {
        TreeMap<String, String> m = new TreeMap<>();
        if (Files.exists(file)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UserError("cannot read config " + file + ": " + e.getMessage());
            }
            m.putAll(parse(lines, file.toString()));
        }
        return new Config(file, m);
    }

    static Map<String, String> parse(List<String> lines, String name) {
        TreeMap<String, String> m = new TreeMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new UserError(name + " line " + n + ": expected 'key: value', got '" + line + "'");
            }
            String key = line.substring(0, colon).strip();
            String value = unquote(line.substring(colon + 1).strip());
            if (!KEYS.contains(key)) {
                throw new UserError(
                        name + " line " + n + ": unknown key '" + key + "'; keys: " + new java.util.TreeSet<>(KEYS));
            }
            m.put(key, value);
        }
        return m;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    public String get(String key) {
        return values.get(key);
    }

    public Map<String, String> all() {
        return Map.copyOf(values);
    }

    public Path file() {
        return file;
    }

    public void set(String key, String value) {
        if (!KEYS.contains(key)) {
            throw new UserError("unknown config key '" + key + "'; keys: " + new java.util.TreeSet<>(KEYS));
        }
        if (value == null || value.isBlank()) {
            values.remove(key);
        } else {
            values.put(key, value.strip());
        }
        List<String> out = new ArrayList<>();
        out.add("# tao config: one 'key: value' per line (keys: network, wallet, hotkey, wallet-path)");
        values.forEach((k, v) -> out.add(k + ": " + v));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, out);
        } catch (IOException e) {
            throw new UserError("cannot write config " + file + ": " + e.getMessage());
        }
    }
}
