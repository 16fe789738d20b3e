#!/usr/bin/python3
"""Writes the demo workspace's data files from scikit-learn's bundled data sets.

Run with Debian's interpreter (python3-sklearn): /usr/bin/python3 demo/make_demo_data.py
The wine rows are ordered stratified by class (every class in any first rows); diabetes rows keep scikit-learn's order.
The models next to them are copies of test fixtures (see test/fixtures/README.md); the digit images are made by
make_demo_images.py.
"""
import csv
import os

import numpy as np

from sklearn.datasets import load_diabetes, load_wine

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "workspace", "data")
os.makedirs(HERE, exist_ok=True)


def write(name, names, X, y, label):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(list(names) + [label])
        for row, t in zip(X, y):
            w.writerow([f"{v:.6g}" for v in row] + [t])


def stratified_order(y):
    """Row order that interleaves the classes by their share, so any first rows (the sidecar's 0-29) hold every class."""
    y = np.asarray(y)
    key = np.empty(len(y))
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        key[idx] = (np.arange(len(idx)) + 0.5) / len(idx)
    return np.lexsort((y, key))


wine = load_wine()
order = stratified_order(wine.target)
write("wine.csv", wine.feature_names, wine.data[order], wine.target[order], "cultivar")
diabetes = load_diabetes()
write("diabetes.csv", diabetes.feature_names, diabetes.data, [f"{v:g}" for v in diabetes.target], "progression")
