package org.tao4j.cli.cmd;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** An aligned text table; the header is bold only on a TTY. */
public final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = header;
    }

    public Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    public List<String[]> rows() {
        return rows;
    }

    public String render(boolean colour) {
        int[] w = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            w[i] = header[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i] == null ? 4 : r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        if (colour) {
            sb.insert(0, "\u001b[1m").append("\u001b[0m");
        }
        sb.append('\n');
        for (String[] r : rows) {
            line(sb, r, w);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i] == null ? "null" : cells[i];
            boolean num = !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.charAt(0) == 'τ' || c.charAt(0) == '-')
                    && !c.startsWith("5") ;
            String pad = " ".repeat(w[i] - c.length());
            l.append(num ? pad + c : c + pad);
            if (i < cells.length - 1) {
                l.append("  ");
            }
        }
        sb.append(l.toString().stripTrailing());
    }

    public void print(PrintWriter out) {
        out.print(render(System.console() != null));
        out.flush();
    }
}
