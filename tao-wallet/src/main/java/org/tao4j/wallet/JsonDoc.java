package org.tao4j.wallet;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tao4j.core.crypto.Hex;

/**
 * Strict reading of the small JSON documents the wallet writes (keyfiles, public key files):
 * every problem becomes a {@link WalletException} {@code "corrupted <what>: <detail>"} naming
 * the field, so a user learns what is wrong without a parser stack trace.
 */
final class JsonDoc {
    static final int MAX_BYTES = 64 * 1024;

    // configured here once and never changed, which is the state in which Jackson's mapper is
    // documented as thread-safe; duplicate keys and trailing data are refused, since an edited
    // file that parses "as the last key wins" would hide the edit
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    // the first bytes of btwallet's encrypted formats (NaCl secretbox, ansible-vault, Fernet)
    private static final List<String> BITTENSOR_PREFIXES = List.of("$NACL", "$BT", "$ANSIBLE_VAULT", "gAAAAA");
    // field names of btwallet's plain JSON key files
    private static final List<String> BITTENSOR_FIELDS =
            List.of("secretPhrase", "secretSeed", "ss58Address", "accountId");

    private final String what;
    private final ObjectNode root;

    private JsonDoc(String what, ObjectNode root) {
        this.what = what;
        this.root = root;
    }

    /**
     * Parses {@code content} as one JSON object.
     *
     * @param what the kind of file, for messages ("keyfile", "public key file")
     */
    static JsonDoc parse(byte[] content, String what) {
        if (content.length == 0) {
            throw corrupted(what, "the file is empty");
        }
        if (content.length > MAX_BYTES) {
            throw corrupted(what, "the file is " + content.length + " bytes, far larger than any " + what);
        }
        String start = new String(content, 0, Math.min(content.length, 16), StandardCharsets.ISO_8859_1);
        for (String prefix : BITTENSOR_PREFIXES) {
            if (start.startsWith(prefix)) {
                throw bittensor(what);
            }
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(content);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw corrupted(what, "not valid JSON" + where + " (truncated or edited?)");
        } catch (IOException e) {
            // reading a byte array does no I/O: this is a decoding problem (e.g. bad UTF-8)
            throw corrupted(what, "not valid JSON text (bad character encoding?)");
        }
        if (tree == null || !tree.isObject()) {
            throw corrupted(what, "expected a JSON object");
        }
        ObjectNode object = (ObjectNode) tree;
        for (String f : BITTENSOR_FIELDS) {
            if (object.has(f)) {
                throw bittensor(what);
            }
        }
        return new JsonDoc(what, object);
    }

    /** A fresh, empty document for writing; fields keep the order they are put in. */
    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** Pretty-printed UTF-8 JSON with a trailing newline. */
    static byte[] write(ObjectNode node) {
        try {
            return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e); // a tree always serialises
        }
    }

    ObjectNode root() {
        return root;
    }

    String what() {
        return what;
    }

    WalletException corrupted(String detail) {
        return corrupted(what, detail);
    }

    static WalletException corrupted(String what, String detail) {
        return new WalletException(WalletException.Reason.CORRUPTED, "corrupted " + what + ": " + detail);
    }

    private static WalletException bittensor(String what) {
        return new WalletException(
                WalletException.Reason.UNSUPPORTED,
                "this is a Bittensor (btwallet) " + what
                        + ", not a tao4j one; tao4j uses ed25519 keys and cannot read it (restore the key from its"
                        + " mnemonic instead; the address will differ, see docs/wallet.md)");
    }

    /** Refuses fields other than {@code allowed}: a version-1 file has exactly these. */
    void onlyFields(ObjectNode node, String path, Set<String> allowed) {
        List<String> extra = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            if (!allowed.contains(name)) {
                extra.add("\"" + path + name + "\"");
            }
        }
        if (!extra.isEmpty()) {
            throw corrupted("unexpected field " + String.join(", ", extra));
        }
    }

    JsonNode field(ObjectNode node, String path, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw corrupted("missing field \"" + path + name + "\"");
        }
        return v;
    }

    ObjectNode object(ObjectNode node, String path, String name) {
        JsonNode v = field(node, path, name);
        if (!v.isObject()) {
            throw corrupted("field \"" + path + name + "\" must be an object");
        }
        return (ObjectNode) v;
    }

    String text(ObjectNode node, String path, String name) {
        JsonNode v = field(node, path, name);
        if (!v.isTextual()) {
            throw corrupted("field \"" + path + name + "\" must be a string");
        }
        return v.textValue();
    }

    long integer(ObjectNode node, String path, String name) {
        JsonNode v = field(node, path, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw corrupted("field \"" + path + name + "\" must be a whole number");
        }
        return v.longValue();
    }

    boolean bool(ObjectNode node, String path, String name) {
        JsonNode v = field(node, path, name);
        if (!v.isBoolean()) {
            throw corrupted("field \"" + path + name + "\" must be true or false");
        }
        return v.booleanValue();
    }

    /** Hex (with or without {@code 0x}) of exactly {@code length} bytes, or any length if negative. */
    byte[] hex(ObjectNode node, String path, String name, int length) {
        String s = text(node, path, name);
        byte[] bytes;
        try {
            bytes = Hex.fromHex(s);
        } catch (IllegalArgumentException e) {
            throw corrupted("field \"" + path + name + "\" is not hex: " + e.getMessage());
        }
        if (length >= 0 && bytes.length != length) {
            throw corrupted("field \"" + path + name + "\" must be " + length + " bytes, got " + bytes.length);
        }
        return bytes;
    }
}
