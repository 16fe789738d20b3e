#!/usr/bin/python3
"""The demo's sequence model: a small 1-D CNN that hears a knock in a machine's 3-axis vibration.

Run with Debian's interpreter (python3-torch, python3-onnx, python3-numpy):
    /usr/bin/python3 demo/make_demo_sequence.py
Writes into demo/workspace/sequence/:
  knock_detector.onnx            vibration float [N, 128, 3] (time steps x axes) -> logits [N, 2] (normal, knock):
                                 two 1-D convolutions, a max over time and a linear layer, trained here for a few
                                 seconds on seeded synthetic signals (a hum on each axis plus noise; a knock is a
                                 short decaying burst, 6 steps long, at a random place)
  readings.npy                   4 recordings [4, 128, 3] float32: a knock at step 30, none, a knock at step 90, none
  knock_detector.onnx.lens.json  the sidecar: data, class names, windows of 8 steps
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "workspace", "sequence")
STEPS, AXES = 128, 3


def recording(rng, knock_at=None):
    t = np.arange(STEPS)
    cycles, phases = rng.uniform(3, 6, AXES), rng.uniform(0, 6.3, AXES)
    hum = np.stack([0.5 * np.sin(2 * np.pi * f * t / STEPS + p) for f, p in zip(cycles, phases)], 1)
    x = hum + 0.1 * rng.standard_normal((STEPS, AXES))
    if knock_at is not None:
        k = np.arange(6)
        burst = 2.0 * np.exp(-k / 2.0) * np.cos(np.pi * k)
        x[knock_at : knock_at + 6] += burst[:, None] * rng.uniform(0.6, 1.0, AXES)
    return x.astype(np.float32)


class KnockDetector(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(AXES, 8, 5, padding=2), nn.ReLU(), nn.Conv1d(8, 8, 5, padding=2), nn.ReLU()
        )
        self.head = nn.Linear(8, 2)

    def forward(self, x):  # x: [N, T, F]
        h = self.conv(x.transpose(1, 2))
        return self.head(h.amax(dim=2))


def batch(rng, n):
    labels = rng.integers(0, 2, n)
    xs = [recording(rng, int(rng.integers(4, STEPS - 10)) if y else None) for y in labels]
    return torch.from_numpy(np.stack(xs)), torch.from_numpy(labels)


def main():
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    model = KnockDetector()
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(300):
        x, y = batch(rng, 64)
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    x, y = batch(np.random.default_rng(1), 500)
    with torch.no_grad():
        accuracy = (model(x).argmax(1) == y).float().mean().item()
    print(f"held-out accuracy {accuracy:.3f}")
    assert accuracy > 0.95, accuracy

    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "knock_detector.onnx")
    torch.onnx.export(
        model,
        torch.zeros(1, STEPS, AXES),
        path,
        input_names=["vibration"],
        output_names=["logits"],
        dynamic_axes={"vibration": {0: "N"}, "logits": {0: "N"}},
        opset_version=13,
    )
    rng = np.random.default_rng(7)
    readings = np.stack([recording(rng, 30), recording(rng), recording(rng, 90), recording(rng)])
    np.save(os.path.join(OUT, "readings.npy"), readings)
    with torch.no_grad():
        print("logits of readings.npy", model(torch.from_numpy(readings)).numpy().round(2).tolist())
    sidecar = {
        "version": 1,
        "data": "readings.npy",
        "classNames": ["normal", "knock"],
        "method": "auto",
        "seed": 0,
        "sequence": {"window": 8},
    }
    with open(os.path.join(OUT, "knock_detector.onnx.lens.json"), "w") as f:
        f.write(json.dumps(sidecar, indent=2) + "\n")
    print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
