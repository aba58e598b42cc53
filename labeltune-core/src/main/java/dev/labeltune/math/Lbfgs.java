package dev.labeltune.math;

import java.util.Arrays;

/**
 * Limited-memory BFGS minimization of a smooth function, with a backtracking Armijo line search.
 * Used for convex problems (logistic regression), where it converges in a few hundred iterations.
 *
 * @since 0.1
 */
public final class Lbfgs {
  private static final int MEMORY = 10;

  /** A differentiable function of a double vector. */
  @FunctionalInterface
  public interface Function {
    /**
     * @param x the point
     * @param gradient receives the gradient at x
     * @return the value at x
     */
    double valueAndGradient(double[] x, double[] gradient);
  }

  private Lbfgs() {}

  /**
   * @param f the function
   * @param start the starting point; overwritten with the minimizer
   * @param maxIterations iteration limit
   * @param tolerance stop when the gradient's max-norm falls below it
   * @return the number of iterations run
   */
  public static int minimize(Function f, double[] start, int maxIterations, double tolerance) {
    int n = start.length;
    double[] x = start;
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    double[][] s = new double[MEMORY][n];
    double[][] y = new double[MEMORY][n];
    double[] rho = new double[MEMORY];
    double[] alpha = new double[MEMORY];
    double[] direction = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    int stored = 0;
    int iteration = 0;
    for (; iteration < maxIterations && maxAbs(g) > tolerance; iteration++) {
      // Two-loop recursion: direction = -H g.
      for (int i = 0; i < n; i++) {
        direction[i] = -g[i];
      }
      for (int m = stored - 1; m >= 0; m--) {
        int slot = (iteration - stored + m) % MEMORY;
        alpha[slot] = rho[slot] * dot(s[slot], direction);
        axpy(-alpha[slot], y[slot], direction);
      }
      if (stored > 0) {
        int last = (iteration - 1) % MEMORY;
        double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
        for (int i = 0; i < n; i++) {
          direction[i] *= gamma;
        }
      }
      for (int m = 0; m < stored; m++) {
        int slot = (iteration - stored + m) % MEMORY;
        double beta = rho[slot] * dot(y[slot], direction);
        axpy(alpha[slot] - beta, s[slot], direction);
      }
      double slope = dot(g, direction);
      if (slope >= 0) {
        // Not a descent direction (numerical trouble): restart from steepest descent.
        for (int i = 0; i < n; i++) {
          direction[i] = -g[i];
        }
        slope = dot(g, direction);
        stored = 0;
      }
      double step = stored == 0 ? Math.min(1.0, 1.0 / Math.max(1e-12, maxAbs(g))) : 1.0;
      double fNew;
      while (true) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + step * direction[i];
        }
        fNew = f.valueAndGradient(xNew, gNew);
        if (fNew <= fx + 1e-4 * step * slope || step < 1e-20) {
          break;
        }
        step *= 0.5;
      }
      int slot = iteration % MEMORY;
      double sy = 0;
      for (int i = 0; i < n; i++) {
        s[slot][i] = xNew[i] - x[i];
        y[slot][i] = gNew[i] - g[i];
        sy += s[slot][i] * y[slot][i];
      }
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      boolean converged = Math.abs(fx - fNew) <= 1e-12 * Math.max(1, Math.abs(fx));
      fx = fNew;
      if (sy > 1e-12) {
        rho[slot] = 1 / sy;
        stored = Math.min(stored + 1, MEMORY);
      } else {
        stored = 0;
        Arrays.fill(rho, 0);
      }
      if (converged) {
        iteration++;
        break;
      }
    }
    return iteration;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
