"""SciPy reference for the Chinchilla benchmarks (bench/fit/run.ts runs it in the same session).

Does the same work as wallcast's engine: the Besiroglu et al. (2024) Huber fit, L-BFGS-B from every point of the
4,500-point grid (case S1), and a bootstrap of 4,000 refits from Hoffmann's unrounded values (case S3). The gradient
is analytic and vectorised with NumPy, so SciPy is not handicapped by finite differences. Prints one JSON object.

The bootstrap refits with BFGS by default, as Epoch's code did (jax BFGS from Hoffmann's values): SciPy's L-BFGS-B
stops when an iteration lowers f by less than factr*eps*max(|f|, 1), and with f ~ 1e-3 that happens after a few
steps, so its default settings leave many replicates near the start (alpha SE 0.0077 instead of 0.0154).
Tightened (ftol 1e-15, gtol 1e-10) it agrees with BFGS but takes about 40x longer.

usage: python3 reference.py <svg_extracted_data.csv> grid [part parts]
       python3 reference.py <svg_extracted_data.csv> bootstrap [B] [seed] [method] [warm]
"""
import csv
import itertools
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize

DELTA = 1e-3


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    n = np.array([float(r["Model Size"]) for r in rows])
    c = np.array([float(r["Training FLOP"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    keep = loss < np.sort(loss)[-5]
    n, c, loss = n[keep], c[keep], loss[keep]
    return np.log(n), np.log(c / (6 * n)), np.log(loss)


def objective(theta, log_n, log_d, log_l):
    a, b, e, alpha, beta = theta
    t1 = a - alpha * log_n
    t2 = b - beta * log_d
    m = np.maximum(np.maximum(t1, t2), e)
    w1, w2, w3 = np.exp(t1 - m), np.exp(t2 - m), np.exp(e - m)
    s = w1 + w2 + w3
    pred = m + np.log(s)
    r = pred - log_l
    ar = np.abs(r)
    quad = ar <= DELTA
    f = np.sum(np.where(quad, 0.5 * r * r, DELTA * (ar - 0.5 * DELTA)))
    dr = np.where(quad, r, DELTA * np.sign(r))
    p1, p2, p3 = w1 / s, w2 / s, w3 / s
    grad = np.array([
        np.sum(dr * p1),
        np.sum(dr * p2),
        np.sum(dr * p3),
        -np.sum(dr * p1 * log_n),
        -np.sum(dr * p2 * log_d),
    ])
    return f, grad


def fit(x0, data):
    return minimize(objective, x0, args=data, jac=True, method="L-BFGS-B")


def grid(data, part=0, parts=1):
    alphas = np.arange(0, 2.5, 0.5)
    es = np.arange(-1, 1.5, 0.5)
    abs_ = np.arange(0, 30, 5)
    best = None
    starts = 0
    for k, (alpha, beta, e, a, b) in enumerate(itertools.product(alphas, alphas, es, abs_, abs_)):
        # With parts > 1, this process takes a contiguous share of the grid (a second process the rest).
        if k * parts // 4500 != part:
            continue
        res = fit(np.array([a, b, e, alpha, beta], dtype=float), data)
        starts += 1
        if best is None or res.fun < best.fun:
            best = res
    return best, starts


def hessian(theta, data):
    """Central differences of the analytic gradient, symmetrised (the step wallcast's inverseHessian takes)."""
    k = len(theta)
    h = np.empty((k, k))
    for j in range(k):
        step = 6e-6 * max(1.0, abs(theta[j]))
        up, down = theta.copy(), theta.copy()
        up[j] += step
        down[j] -= step
        h[:, j] = (objective(up, *data)[1] - objective(down, *data)[1]) / (2 * step)
    return (h + h.T) / 2


def report(theta, f):
    a, b, e, alpha, beta = theta
    return {"E": float(np.exp(e)), "A": float(np.exp(a)), "B": float(np.exp(b)), "alpha": float(alpha),
            "beta": float(beta), "objective": float(f)}


def main():
    path, mode = sys.argv[1], sys.argv[2]
    data = load(path)
    if mode == "grid":
        t0, c0 = time.perf_counter(), time.process_time()
        part = int(sys.argv[3]) if len(sys.argv) > 3 else 0
        parts = int(sys.argv[4]) if len(sys.argv) > 4 else 1
        best, starts = grid(data, part, parts)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(json.dumps({"mode": mode, "starts": starts, "seconds": seconds, "cpuSeconds": cpu,
                          **report(best.x, best.fun)}))
    elif mode == "bootstrap":
        reps = int(sys.argv[3]) if len(sys.argv) > 3 else 4000
        seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
        method = sys.argv[5] if len(sys.argv) > 5 else "BFGS"
        # "warm": every refit starts from the inverse Hessian of the full-data fit, as wallcast's refits do.
        warm = len(sys.argv) > 6 and sys.argv[6] == "warm"
        rng = np.random.default_rng(seed)
        hoffmann = np.array([np.log(406.401), np.log(410.723), np.log(1.69337), 0.33917084, 0.2849083])
        n = len(data[0])
        fits = np.empty((reps, 5))
        t0 = time.perf_counter()
        options = {}
        if warm:
            full = minimize(objective, hoffmann, args=data, jac=True, method=method, options={"gtol": 1e-10})
            inverse = np.linalg.inv(hessian(full.x, data))
            options["hess_inv0"] = (inverse + inverse.T) / 2  # SciPy >= 1.12
        for i in range(reps):
            idx = rng.integers(0, n, n)
            res = minimize(objective, hoffmann, args=tuple(x[idx] for x in data), jac=True, method=method,
                           options=options)
            fits[i] = res.x
        seconds = time.perf_counter() - t0
        reported = np.hstack([np.exp(fits[:, :3]), fits[:, 3:]])
        se = dict(zip(["A", "B", "E", "alpha", "beta"], np.std(reported, axis=0, ddof=1).tolist()))
        print(json.dumps({"mode": mode, "B": reps, "method": method, "warm": warm, "seconds": seconds, "se": se,
                          "alphaSe": se["alpha"]}))
    else:
        raise SystemExit(f"unknown mode: {mode}")


if __name__ == "__main__":
    main()
