/** The small dense linear algebra the regressions need: symmetric positive (semi)definite solves. */

/**
 * Solves A X = B for symmetric positive semidefinite A (n x n, row-major) and k right-hand sides
 * (B n x k). Cholesky with a tiny ridge added when A is singular (e.g. a feature that never varies).
 */
export function solveSymmetric(a: Float64Array, n: number, b: Float64Array, k: number): Float64Array {
  return solveFactored(factorSymmetric(a, n), n, b, k);
}

/** The Cholesky factor of A (lower, row-major), for solving many right-hand sides later. */
export function factorSymmetric(a: Float64Array, n: number): Float64Array {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + i]));
  for (const ridge of [0, 1e-12, 1e-9, 1e-6]) {
    const l = cholesky(a, n, ridge * (scale || 1));
    if (l) return l;
  }
  throw new Error('the regression is singular');
}

function cholesky(a: Float64Array, n: number, ridge: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j] + (i === j ? ridge : 0);
      for (let p = 0; p < j; p++) s -= l[i * n + p] * l[j * n + p];
      if (i === j) {
        if (!(s > 1e-300)) return undefined;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  }
  return l;
}

/** Solves L L^T X = B given the factor L. */
export function solveFactored(l: Float64Array, n: number, b: Float64Array, k: number): Float64Array {
  const x = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = b[i * k + c];
      for (let p = 0; p < i; p++) s -= l[i * n + p] * y[p];
      y[i] = s / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i];
      for (let p = i + 1; p < n; p++) s -= l[p * n + i] * x[p * k + c];
      x[i * k + c] = s / l[i * n + i];
    }
  }
  return x;
}

/** n choose k as a float (exact for the sizes coalitions reach). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
