package org.tao4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tao4j.core.crypto.Ed25519;

/**
 * Single-threaded throughput of Ed25519 sign and verify on a 100-byte message, roughly the size
 * of a signed transfer payload. Verify bounds how fast a node can admit extrinsics.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519Bench {
    private Ed25519.KeyPair keyPair;
    private Ed25519.PublicKey publicKey;
    private byte[] message;
    private Ed25519.Signature signature;

    @Setup
    public void setUp() {
        // fixed seed: every run measures the same key and message
        SplittableRandom random = new SplittableRandom(42);
        byte[] seed = new byte[Ed25519.SEED_LENGTH];
        random.nextBytes(seed);
        message = new byte[100];
        random.nextBytes(message);
        keyPair = Ed25519.KeyPair.fromSeed(seed);
        publicKey = keyPair.publicKey();
        signature = keyPair.sign(message);
    }

    @Benchmark
    public Ed25519.Signature sign() {
        return keyPair.sign(message);
    }

    @Benchmark
    public boolean verify() {
        return Ed25519.verify(publicKey, message, signature);
    }
}
