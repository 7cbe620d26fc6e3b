/**
 * Keys and wallets: BIP39 mnemonics ({@link org.tao4j.wallet.Mnemonic}), Substrate-style ed25519
 * derivation ({@link org.tao4j.wallet.KeyDerivation}, {@link org.tao4j.wallet.SecretUri}),
 * encrypted and plain keyfiles ({@link org.tao4j.wallet.Keyfile}), the on-disk wallet layout
 * ({@link org.tao4j.wallet.WalletStore}, {@link org.tao4j.wallet.Wallet}) and password input
 * ({@link org.tao4j.wallet.PasswordSource}).
 *
 * <p>Every failure a user can cause is reported as an exception with a one-line message meant to
 * be printed as is: {@link java.lang.IllegalArgumentException} for bad input (a mistyped mnemonic,
 * a bad derivation path, a bad name) and {@link org.tao4j.wallet.WalletException} for everything
 * that involves files and passwords, with a {@link org.tao4j.wallet.WalletException.Reason} the
 * command line maps to an exit code. See docs/wallet.md for the formats.
 */
package org.tao4j.wallet;
