package org.tao4j.subnets.forecast;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A finite real series shipped as a resource. Steps past the end wrap around to the start, so a
 * long-running validator never runs out; the seam shows up as one level jump, like a regime change.
 * Immutable.
 */
public final class RealSeries implements SeriesSource {
    /** Daily US births, 1994-01-01 to 2003-12-31 (3,652 days): see docs/subnets.md for source and licence. */
    public static final String US_BIRTHS_RESOURCE = "us-births-1994-2003.csv";

    private final String name;
    private final double[] values;

    public RealSeries(String name, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("empty series");
        }
        this.name = name;
        this.values = values.clone();
    }

    /**
     * Daily US births 1994-2003 (CDC/NCHS via FiveThirtyEight, packaged by stdlib): a strong weekly
     * cycle, a yearly one, holiday dips and a slow trend.
     */
    public static RealSeries usBirths() {
        try (InputStream in = RealSeries.class.getResourceAsStream(US_BIRTHS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + US_BIRTHS_RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
            String header = reader.readLine();
            if (header == null || !header.endsWith(",births")) {
                throw new IllegalStateException("unexpected header in " + US_BIRTHS_RESOURCE + ": " + header);
            }
            double[] out = new double[4096];
            int n = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = Double.parseDouble(
                        line.substring(line.lastIndexOf(',') + 1).trim());
            }
            return new RealSeries("us-births-1994-2003", Arrays.copyOf(out, n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    public int length() {
        return values.length;
    }

    @Override
    public double valueAt(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("negative step: " + step);
        }
        return values[(int) (step % values.length)];
    }
}
