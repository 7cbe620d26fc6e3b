package org.tao4j.subnets.forecast;

/** The little linear algebra the ridge model needs: d is a few dozen, so plain loops are fine. */
final class Linear {
    private Linear() {}

    /**
     * Solves {@code a x = b} for a symmetric positive definite {@code a} (d x d) and several
     * right-hand sides {@code b} (d x k), by Cholesky. {@code a} is overwritten with its factor.
     *
     * @return x (d x k), or null if {@code a} is not numerically positive definite
     */
    static double[][] solveSpd(double[][] a, double[][] b) {
        int d = a.length;
        for (int j = 0; j < d; j++) {
            double diag = a[j][j];
            for (int k = 0; k < j; k++) {
                diag -= a[j][k] * a[j][k];
            }
            if (!(diag > 1e-12)) {
                return null;
            }
            double l = Math.sqrt(diag);
            a[j][j] = l;
            for (int i = j + 1; i < d; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= a[i][k] * a[j][k];
                }
                a[i][j] = s / l;
            }
        }
        int cols = b[0].length;
        double[][] x = new double[d][cols];
        for (int c = 0; c < cols; c++) {
            double[] z = new double[d];
            for (int i = 0; i < d; i++) { // L z = b
                double s = b[i][c];
                for (int k = 0; k < i; k++) {
                    s -= a[i][k] * z[k];
                }
                z[i] = s / a[i][i];
            }
            for (int i = d - 1; i >= 0; i--) { // L^T x = z
                double s = z[i];
                for (int k = i + 1; k < d; k++) {
                    s -= a[k][i] * x[k][c];
                }
                x[i][c] = s / a[i][i];
            }
        }
        return x;
    }
}
