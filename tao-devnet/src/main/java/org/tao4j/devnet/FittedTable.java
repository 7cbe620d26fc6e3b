package org.tao4j.devnet;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table that fits a width: while it is too wide, the column with the highest drop rank goes
 * (rank 0 is never dropped); numbers align right, text left, headers with their column.
 */
final class FittedTable {
    private final List<String> header = new ArrayList<>();
    private final List<Integer> dropRank = new ArrayList<>();
    private final List<Boolean> right = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** Adds a column; {@code dropRank} 0 is kept always, higher ranks are dropped first. */
    FittedTable column(String name, int dropRank, boolean rightAligned) {
        header.add(name);
        this.dropRank.add(dropRank);
        right.add(rightAligned);
        return this;
    }

    FittedTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + header.size() + " columns");
        }
        rows.add(cells);
        return this;
    }

    /** The header line and the rows, each at most {@code width} characters. */
    List<String> lines(int width) {
        int n = header.size();
        int[] w = new int[n];
        for (int c = 0; c < n; c++) {
            w[c] = header.get(c).length();
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        boolean[] shown = new boolean[n];
        java.util.Arrays.fill(shown, true);
        while (total(w, shown) > width) {
            int drop = -1;
            for (int c = n - 1; c >= 0; c--) { // among equal ranks the rightmost goes first
                if (shown[c] && dropRank.get(c) > 0 && (drop < 0 || dropRank.get(c) > dropRank.get(drop))) {
                    drop = c;
                }
            }
            if (drop < 0) {
                break; // only the essential columns are left: they are cut at the width below
            }
            shown[drop] = false;
        }
        List<String> out = new ArrayList<>();
        out.add(cut(line(header, w, shown), width));
        for (List<String> r : rows) {
            out.add(cut(line(r, w, shown), width));
        }
        return out;
    }

    private static int total(int[] w, boolean[] shown) {
        int t = 0;
        int k = 0;
        for (int c = 0; c < w.length; c++) {
            if (shown[c]) {
                t += w[c];
                k++;
            }
        }
        return t + Math.max(0, k - 1); // one space between columns
    }

    private String line(List<String> cells, int[] w, boolean[] shown) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (!shown[c]) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            String v = cells.get(c);
            String pad = " ".repeat(w[c] - v.length());
            sb.append(right.get(c) ? pad + v : v + pad);
        }
        return sb.toString().stripTrailing();
    }

    static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
    }
}
