package org.tao4j.runtime.dispatch;

import org.tao4j.core.account.AccountId;

/** Who a call runs as: a signed account, or root (a passed proposal, or sudo on a dev chain). */
public sealed interface Origin {
    record Signed(AccountId account) implements Origin {}

    record Root() implements Origin {}

    Origin ROOT = new Root();
}
