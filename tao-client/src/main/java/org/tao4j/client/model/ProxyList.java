package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.account.AccountId;

/** {@code tao_getProxies}: an account's proxies as a real account, and the calls it announced as a delegate. */
public record ProxyList(AccountId account, List<Proxy> proxies, List<Announcement> announcements) {

    public ProxyList {
        proxies = List.copyOf(proxies);
        announcements = List.copyOf(announcements);
    }

    /** One proxy: the delegate, its type (Any, NonTransfer, Staking, Registration, Weights, Governance) and delay. */
    public record Proxy(AccountId delegate, String type, long delay) {}

    /** A call announced for a delayed proxy: the real account, Blake2-256 of the call (0x-hex), the block. */
    public record Announcement(AccountId real, String callHash, long block) {}
}
