package org.tao4j.client.model;

import org.tao4j.core.crypto.H256;

/**
 * {@code tao_getFee}: the fee a signed transaction would pay ({@code baseFee + lengthFee + tip}), its
 * parts, and whether it is valid now.
 *
 * @param validity "valid", "future" or "invalid"
 * @param reason why it is future or invalid; null when valid
 */
public record FeeInfo(
        long fee, long baseFee, long lengthFee, long tip, int length, H256 hash, String validity, String reason) {

    public boolean isValid() {
        return "valid".equals(validity);
    }
}
