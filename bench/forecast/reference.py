"""SciPy reference for the forecast benchmark (bench/forecast/run.ts runs it in the same session).

Reads {"x": [...], "y": [...], "grid": [...]} (decimal years, log10 compute, the candidate break grid) and times,
as the best of several runs:
- ols: scipy.stats.linregress with the t-based 90% interval of the slope (scipy.stats.t.ppf);
- break1: the discontinuous one-break profile search, linregress on both segments at every grid date;
- break1_cumsum: the same search vectorised with NumPy prefix sums (wallcast's algorithm), the fair comparison;
- break2: the same with two breaks (a single run: it is slow).
Every segment keeps at least 5 points, as in wallcast. Prints one JSON object {name: {ms, result}}.

usage: python3 reference.py <input.json>
"""
import json
import sys
import time

import numpy as np
from scipy import stats

MIN_POINTS = 5


def ols(x, y):
    r = stats.linregress(x, y)
    t = stats.t.ppf(0.95, len(x) - 2)
    return {"slope": r.slope, "lo": r.slope - t * r.stderr, "hi": r.slope + t * r.stderr, "r2": r.rvalue ** 2}


def sse(x, y):
    r = stats.linregress(x, y)
    res = y - (r.intercept + r.slope * x)
    return float(res @ res)


def ok(x, a, b):
    return b - a >= MIN_POINTS and x[b - 1] > x[a]


def break1(x, y, grid):
    best = (np.inf, None)
    for tau in grid:
        c = int(np.searchsorted(x, tau, side="left"))
        if not (ok(x, 0, c) and ok(x, c, len(x))):
            continue
        s = sse(x[:c], y[:c]) + sse(x[c:], y[c:])
        if s < best[0]:
            best = (s, [tau])
    return {"sse": best[0], "breaks": best[1]}


def break1_cumsum(x, y, grid):
    n = len(x)
    dx, dy = x - x.mean(), y - y.mean()
    z = lambda v: np.concatenate([[0.0], np.cumsum(v)])
    sx, sy, sxx, sxy, syy = z(dx), z(dy), z(dx * dx), z(dx * dy), z(dy * dy)

    def seg(a, b):
        m = b - a
        cx, cy = sx[b] - sx[a], sy[b] - sy[a]
        vxx = sxx[b] - sxx[a] - cx * cx / m
        vxy = sxy[b] - sxy[a] - cx * cy / m
        vyy = syy[b] - syy[a] - cy * cy / m
        return np.maximum(0, vyy - vxy * vxy / vxx)

    tau = np.asarray(grid)
    c = np.searchsorted(x, tau, side="left")
    keep = (c >= MIN_POINTS) & (n - c >= MIN_POINTS)
    keep &= x[np.maximum(c - 1, 0)] > x[0]
    keep &= x[-1] > x[np.minimum(c, n - 1)]
    c, tau = c[keep], tau[keep]
    total = seg(np.zeros_like(c), c) + seg(c, np.full_like(c, n))
    i = int(np.argmin(total))
    return {"sse": float(total[i]), "breaks": [float(tau[i])]}


def break2(x, y, grid):
    best = (np.inf, None)
    cuts = [int(np.searchsorted(x, t, side="left")) for t in grid]
    for i, c1 in enumerate(cuts):
        if not ok(x, 0, c1):
            continue
        left = sse(x[:c1], y[:c1])
        for j in range(i + 1, len(grid)):
            c2 = cuts[j]
            if not (ok(x, c1, c2) and ok(x, c2, len(x))):
                continue
            s = left + sse(x[c1:c2], y[c1:c2]) + sse(x[c2:], y[c2:])
            if s < best[0]:
                best = (s, [grid[i], grid[j]])
    return {"sse": best[0], "breaks": best[1]}


def timed(fn, runs):
    best, result = np.inf, None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, (time.perf_counter() - t0) * 1000)
    return {"ms": best, "result": result}


def main():
    data = json.load(open(sys.argv[1]))
    order = np.argsort(data["x"], kind="stable")
    x = np.asarray(data["x"])[order]
    y = np.asarray(data["y"])[order]
    grid = data["grid"]
    out = {
        "ols": timed(lambda: ols(x, y), 20),
        "break1": timed(lambda: break1(x, y, grid), 3),
        "break1_cumsum": timed(lambda: break1_cumsum(x, y, grid), 20),
        "break2": timed(lambda: break2(x, y, grid), 1),
    }
    print(json.dumps(out))


main()
