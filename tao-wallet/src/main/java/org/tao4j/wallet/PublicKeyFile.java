package org.tao4j.wallet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;

/**
 * {@code coldkeypub.txt} and {@code hotkeys/<name>pub.txt}: the public half of a key, readable
 * without a password, as {@code {"format":"tao4j-public-key","version":1,"public_key":"0x…",
 * "ss58":"5…"}}. The address is redundant on purpose (people read these files) and must match.
 */
final class PublicKeyFile {
    static final String FORMAT = "tao4j-public-key";
    static final int VERSION = 1;
    private static final String WHAT = "public key file";
    private static final Set<String> FIELDS = Set.of("format", "version", "public_key", "ss58");

    private PublicKeyFile() {}

    static byte[] toJson(AccountId id) {
        ObjectNode root = JsonDoc.newObject();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("public_key", id.toHex());
        root.put("ss58", id.toSs58());
        return JsonDoc.write(root);
    }

    static AccountId parse(byte[] content) {
        JsonDoc doc = JsonDoc.parse(content, WHAT);
        ObjectNode root = doc.root();
        if (!FORMAT.equals(doc.text(root, "", "format"))) {
            throw doc.corrupted("\"format\" is not \"" + FORMAT + "\"");
        }
        long version = doc.integer(root, "", "version");
        if (version != VERSION) {
            throw new WalletException(
                    WalletException.Reason.UNSUPPORTED,
                    "public key file version " + version + " is not supported: this tao4j reads version " + VERSION);
        }
        doc.onlyFields(root, "", FIELDS);
        AccountId id = new AccountId(doc.hex(root, "", "public_key", Ed25519.PUBLIC_KEY_LENGTH));
        if (!id.toSs58().equals(doc.text(root, "", "ss58"))) {
            throw doc.corrupted("\"ss58\" does not match \"public_key\"");
        }
        return id;
    }
}
