"""SciPy references for the finance benchmark (bench/finance/run.ts runs it in the same session).

Reads the network run.ts wrote (binary arrays: debtor, creditor, amount, external assets, and each node's
obligations pbar and claims at face value, which wallcast's compiled network carries too) and computes the
Eisenberg-Noe greatest clearing vector two ways, timing each as the median of several runs (matrix assembly
included; file reading, pbar and the claims excluded, as they are from wallcast's timing):
- highs: scipy.optimize.linprog (HiGHS) on the EN linear program
  max sum(p) s.t. p - Pi^T p <= e, 0 <= p <= pbar;
- spsolve: the fictitious-default algorithm, each round's defaulters' system solved by scipy.sparse.linalg.spsolve.
Writes each vector to <dir>/<name>.f64 and prints one JSON object {name: {ms, ...}}.

usage: python3 reference.py <dir> [method,...] [repeats]   (methods: highs, spsolve; default both)
       python3 reference.py --json <network.json>   (end to end: read the file, clear, print the payments as JSON)
"""
import json
import os
import sys
import time

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog
from scipy.sparse.linalg import spsolve


def load(d):
    read = lambda name, dtype: np.fromfile(os.path.join(d, name), dtype=dtype)
    return (read("debtor.i32", np.int32), read("creditor.i32", np.int32), read("amount.f64", np.float64),
            read("e.f64", np.float64), read("pbar.f64", np.float64), read("owed.f64", np.float64))


def totals(debtor, creditor, amount, el):
    """Each node's obligations (interbank plus external) and interbank claims at face value."""
    n = len(el)
    return (np.bincount(debtor, weights=amount, minlength=n) + el,
            np.bincount(creditor, weights=amount, minlength=n))


def pi_transpose(debtor, creditor, amount, pbar):
    n = len(pbar)
    # Pi^T[i, j] = L[j, i] / pbar[j]: row = creditor.
    return sp.csr_matrix((amount / pbar[debtor], (creditor, debtor)), shape=(n, n))


def highs(debtor, creditor, amount, e, pbar, owed):
    n = len(e)
    pit = pi_transpose(debtor, creditor, amount, pbar)
    a = (sp.identity(n, format="csr") - pit).tocsr()
    res = linprog(-np.ones(n), A_ub=a, b_ub=e, bounds=np.column_stack([np.zeros(n), pbar]), method="highs")
    return res.x, {"status": res.message}


def round_based(debtor, creditor, amount, e, pbar, owed):
    n = len(e)
    pit = pi_transpose(debtor, creditor, amount, pbar)
    p = pbar.copy()
    defaulted = np.zeros(n, dtype=bool)
    rounds = 0
    # Everyone paying in full: the receipts are the claims at face value.
    assets = e + owed
    while True:
        new = (~defaulted) & (assets < pbar * (1 - 1e-12))
        if not new.any():
            break
        rounds += 1
        defaulted |= new
        d = np.flatnonzero(defaulted)
        s = np.flatnonzero(~defaulted)
        pdd = pit[d][:, d]
        rhs = e[d] + pit[d][:, s] @ p[s]
        p[d] = spsolve((sp.identity(len(d), format="csc") - pdd).tocsc(), rhs)
        assets = e + pit @ p
    return p, {"rounds": rounds}


def end_to_end(path):
    """What `wallcast clear --json` does, in Python: parse the file, build the arrays, clear, write by id."""
    with open(path) as f:
        net = json.load(f)
    ids = [node["id"] for node in net["nodes"]]
    index = {i: k for k, i in enumerate(ids)}
    e = np.array([node.get("externalAssets", 0.0) for node in net["nodes"]], dtype=np.float64)
    el = np.array([node.get("externalLiabilities", 0.0) for node in net["nodes"]], dtype=np.float64)
    liabilities = net.get("liabilities", [])
    debtor = np.array([index[l["from"]] for l in liabilities], dtype=np.int32)
    creditor = np.array([index[l["to"]] for l in liabilities], dtype=np.int32)
    amount = np.array([l["amount"] for l in liabilities], dtype=np.float64)
    p, info = round_based(debtor, creditor, amount, e, *totals(debtor, creditor, amount, el))
    json.dump({"payments": dict(zip(ids, p.tolist())), **info}, sys.stdout, indent=2)


def main():
    if sys.argv[1] == "--json":
        end_to_end(sys.argv[2])
        return
    d = sys.argv[1]
    wanted = sys.argv[2].split(",") if len(sys.argv) > 2 else ["highs", "spsolve"]
    data = load(d)
    out = {}
    n = len(data[3])
    for name, solve in (("highs", highs), ("spsolve", round_based)):
        if name not in wanted:
            continue
        repeats = int(sys.argv[3]) if len(sys.argv) > 3 else (5 if n <= 10_000 else 1 if name == "highs" else 3)
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            p, info = solve(*data)
            times.append(time.perf_counter() - t)
        out[name] = {"ms": float(np.median(times)) * 1000, "repeats": repeats, **info}
        p.astype(np.float64).tofile(os.path.join(d, name + ".f64"))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
