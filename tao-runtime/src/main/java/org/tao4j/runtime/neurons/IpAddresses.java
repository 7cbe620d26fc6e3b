package org.tao4j.runtime.neurons;

/**
 * Which axon addresses serve_axon accepts (docs/spec/chain.md §4: "no loopback on a live chain"). Pure byte
 * checks, no resolver and no {@code InetAddress}, so that every node decides the same way.
 *
 * <ul>
 *   <li>Never an endpoint, on any chain: the unspecified address (0.0.0.0, ::), the IPv4 broadcast
 *       address and multicast (224.0.0.0/4, ff00::/8).</li>
 *   <li>Not reachable from the internet, refused on a live chain only (a dev chain runs on one
 *       machine or a LAN): loopback (127.0.0.0/8, ::1), "this network" 0.0.0.0/8, private
 *       (10/8, 172.16/12, 192.168/16), carrier-grade NAT 100.64/10, link-local (169.254/16,
 *       fe80::/10), reserved 240/4, IPv6 unique-local fc00::/7 and site-local fec0::/10. An
 *       IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged as its IPv4 address.</li>
 * </ul>
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** Why {@code ip} (4 or 16 bytes) is refused, or null when it is acceptable. */
    public static String refusal(byte[] ip, boolean live) {
        if (ip.length == 4) {
            return refusalV4(ip, live);
        }
        if (ip.length != 16) {
            return "an IP address is 4 or 16 bytes, got " + ip.length;
        }
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= ip[i] == 0;
        }
        if (zeroPrefix && ip[10] == (byte) 0xFF && ip[11] == (byte) 0xFF) {
            String v4 = refusalV4(new byte[] {ip[12], ip[13], ip[14], ip[15]}, live);
            return v4 == null ? null : v4 + " (IPv4-mapped)";
        }
        boolean allZero = zeroPrefix;
        for (int i = 10; i < 15; i++) {
            allZero &= ip[i] == 0;
        }
        if (allZero && ip[15] == 0) {
            return "the unspecified address :: is not an endpoint";
        }
        int b0 = ip[0] & 0xFF;
        int b1 = ip[1] & 0xFF;
        if (b0 == 0xFF) {
            return "a multicast address (ff00::/8) is not an endpoint";
        }
        if (!live) {
            return null;
        }
        if (allZero && ip[15] == 1) {
            return "loopback ::1 is refused on a live chain";
        }
        if ((b0 & 0xFE) == 0xFC) {
            return "a unique-local address (fc00::/7) is not reachable from the internet";
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0x80) {
            return "a link-local address (fe80::/10) is not reachable from the internet";
        }
        if (b0 == 0xFE && (b1 & 0xC0) == 0xC0) {
            return "a site-local address (fec0::/10) is not reachable from the internet";
        }
        return null;
    }

    private static String refusalV4(byte[] ip, boolean live) {
        int a = ip[0] & 0xFF;
        int b = ip[1] & 0xFF;
        String text = a + "." + b + "." + (ip[2] & 0xFF) + "." + (ip[3] & 0xFF);
        if (a == 0 && b == 0 && ip[2] == 0 && ip[3] == 0) {
            return "the unspecified address 0.0.0.0 is not an endpoint";
        }
        if (a == 255 && b == 255 && (ip[2] & 0xFF) == 255 && (ip[3] & 0xFF) == 255) {
            return "the broadcast address 255.255.255.255 is not an endpoint";
        }
        if (a >= 224 && a <= 239) {
            return text + " is a multicast address (224.0.0.0/4), not an endpoint";
        }
        if (!live) {
            return null;
        }
        if (a == 127) {
            return "loopback " + text + " is refused on a live chain";
        }
        if (a == 0) {
            return text + " is in 0.0.0.0/8 (\"this network\"), not reachable from the internet";
        }
        if (a == 10 || (a == 172 && (b & 0xF0) == 16) || (a == 192 && b == 168)) {
            return text + " is a private address, not reachable from the internet";
        }
        if (a == 100 && (b & 0xC0) == 64) {
            return text + " is a carrier-grade NAT address (100.64.0.0/10), not reachable from the internet";
        }
        if (a == 169 && b == 254) {
            return text + " is a link-local address (169.254.0.0/16), not reachable from the internet";
        }
        if (a >= 240) {
            return text + " is in the reserved range 240.0.0.0/4";
        }
        return null;
    }
}
