#!/usr/bin/env python3
"""Rebuild the three DERIVED_porian2024_*.csv files from the four pandas pickles of Porian et al. 2024.

Usage: python3 porian2024.py <input dir holding the 4 .pickle.xz> <output dir>
Exit 0 on success, 3 when pandas is missing, 1 on any other failure (one line on stderr).
"""

import lzma
import math
import os
import pickle
import sys

try:
    import numpy as np
    import pandas as pd
except ImportError:
    print("porian2024.py needs Python 3 with pandas: apt-get install python3-pandas", file=sys.stderr)
    sys.exit(3)

# Source files in output order: the paper's main grid (RefinedWeb), the same grid on OpenWebText2, the grid
# with attention FLOPs counted, and Kaplan's setup with tuned hyperparameters.
SOURCES = ("summary_df", "summary_df_owt2", "summary_df_att", "summary_df_kaplan_tuned_hparams")

# The only globals the pickles reference; anything else is refused, so loading cannot run arbitrary code.
ALLOWED_GLOBALS = frozenset(
    {
        ("builtins", "slice"),
        ("numpy", "dtype"),
        ("numpy", "ndarray"),
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy.core.multiarray", "scalar"),
        ("numpy.core.numeric", "_frombuffer"),
        ("pandas._libs.internals", "_unpickle_block"),
        ("pandas.core.frame", "DataFrame"),
        ("pandas.core.indexes.base", "Index"),
        ("pandas.core.indexes.base", "_new_Index"),
        ("pandas.core.indexes.range", "RangeIndex"),
        ("pandas.core.internals.managers", "BlockManager"),
        ("pandas.core.internals.managers", "SingleBlockManager"),
        ("pandas.core.series", "Series"),
    }
)

# Figure titles of the paper's setups, keyed by (hparams, warmup, decay, param_count).
LABELS = {
    ("base", "long", "kaplan", "kaplan"): "Reproducing Kaplan et al.",
    ("base", "long", "kaplan", "standard"): "Counting last layer FLOPs",
    ("base", "short", "kaplan", "standard"): "Correcting warmup",
    ("base", "short", "chinchilla", "standard"): "Cosine decay",
    ("tuned", "short", "const", "standard"): "Optimizer tuning (no decay)",
    ("base", "long", "kaplan", "attention"): "Counting last layer and attention FLOPs",
    ("base", "short", "kaplan", "attention"): "Correcting warmup (attention FLOPs)",
    ("base", "short", "chinchilla", "attention"): "Cosine decay (attention FLOPs)",
    ("tuned", "short", "const", "attention"): "Optimizer tuning (no decay) (attention FLOPs)",
    ("tuned", "long", "const", "kaplan"): "Kaplan adjusted (tuned hparams)",
}

# Columns of `optimal_pairs` copied to the compute-optimal CSV.
OPTIMAL_COLUMNS = ["flops", "n", "t", "multiplier", "loss", "n_star_std", "t_star_std", "loss_star_std"]
# Their names in the CSV: the minimum's coordinates are starred.
OPTIMAL_NAMES = [
    "flops", "n_star", "t_star", "multiplier_star", "loss_star",
    "n_star_std", "t_star_std", "loss_star_std",
]  # fmt: skip
KEY_COLUMNS = ["source_file", "dataset", "hparams", "warmup", "decay", "param_count", "loss_split", "label"]
FIT_VARIANTS = ("basic", "weighted", "bs_median", "bs_median_weighted")
FIT_COLUMNS = [
    "n_exponent", "n_coef", "n_r2",
    "t_exponent", "t_coef", "t_r2",
    "multiplier_exponent", "multiplier_coef", "multiplier_r2",
    "A", "E", "alpha",
]  # fmt: skip


class RestrictedUnpickler(pickle.Unpickler):
    """Unpickler that resolves only the allow-listed pandas, numpy and builtins globals."""

    def find_class(self, module, name):
        if (module, name) not in ALLOWED_GLOBALS:
            raise pickle.UnpicklingError(f"global {module}.{name} is not allowed")
        return super().find_class(module, name)


def load_summary(input_dir, source):
    """Load one summary DataFrame from `<input_dir>/<source>.pickle.xz`."""
    with lzma.open(os.path.join(input_dir, source + ".pickle.xz"), "rb") as f:
        return RestrictedUnpickler(f).load()


def setup_keys(source, row):
    """The key columns of one setup (one summary row); its `val` field says which loss: train or val."""
    label = LABELS[(row["hparams"], row["warmup"], row["decay"], row["param_count"])]
    setup = [row["dataset"], row["hparams"], row["warmup"], row["decay"], row["param_count"], row["val"]]
    return [source] + setup + [label]


def isoflop_rows(keys, data):
    """One row per training run: its FLOP budget, parameters, tokens and final loss."""
    rows = []
    for _, budget in data.iterrows():
        # A budget with no runs stores NaN instead of a Series.
        if not isinstance(budget["orig_n"], pd.Series):
            continue
        for n, t, loss in zip(budget["orig_n"], budget["orig_t"], budget["orig_loss"]):
            rows.append(keys + [budget["flops"], n, t, loss])
    return rows


def optimal_rows(keys, pairs):
    """One row per FLOP budget: the interpolated isoFLOP minimum and its bootstrap standard deviations."""
    return [keys + [pair[c] for c in OPTIMAL_COLUMNS] for _, pair in pairs.iterrows()]


def fit_rows(keys, fits):
    """The four power-law fit variants, then the bootstrap 95% interval of the weighted N* exponent."""
    rows = [keys + [v] + [fits[v][c] for c in FIT_COLUMNS] + [math.nan] * 3 for v in FIT_VARIANTS]
    exponents = [b["n_exponent"] for b in fits["bootstrap_weighted"] if "n_exponent" in b]
    # numpy's default (linear) percentile, over the resamples whose power-law fit succeeded.
    lo, hi = (float(v) for v in np.percentile(exponents, (2.5, 97.5)))
    interval = [lo, hi, float(len(exponents))]
    rows.append(keys + ["bootstrap_weighted_n_exponent_CI95"] + [math.nan] * len(FIT_COLUMNS) + interval)
    return rows


def derive(input_dir, output_dir):
    """Read the four summaries from `input_dir` and write the three CSVs to `output_dir`."""
    iso, opt, fit = [], [], []
    for source in SOURCES:
        summary = load_summary(input_dir, source)
        for _, row in summary.iterrows():
            keys = setup_keys(source, row)
            iso += isoflop_rows(keys, row["data"])
            opt += optimal_rows(keys, row["optimal_pairs"])
            fit += fit_rows(keys, row["fit_results"])
    outputs = {
        "isoflop_points": (iso, ["flops", "n", "t", "loss"]),
        "compute_optimal_points": (opt, OPTIMAL_NAMES),
        "fit_results": (fit, ["fit"] + FIT_COLUMNS + ["n_exponent_lo", "n_exponent_hi", "n_boot"]),
    }
    for name, (rows, columns) in outputs.items():
        frame = pd.DataFrame(rows, columns=KEY_COLUMNS + columns)
        frame.to_csv(os.path.join(output_dir, f"DERIVED_porian2024_{name}.csv"), index=False)


def main(argv):
    """Run the derivation; returns the process exit code."""
    if len(argv) != 3:
        print("usage: porian2024.py <input dir> <output dir>", file=sys.stderr)
        return 1
    try:
        derive(argv[1], argv[2])
    except Exception as error:  # noqa: BLE001 -- the caller wants one line, not a traceback
        print(f"porian2024.py: {type(error).__name__}: {str(error)[:200]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
