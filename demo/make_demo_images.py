#!/usr/bin/python3
"""Writes real digit images for the demo's digits_cnn.onnx, made the way its training inputs were made.

Run with Debian's interpreter (python3-sklearn, python3-torch, python3-pil): /usr/bin/python3 demo/make_demo_images.py
then `node test/fixtures/digits_ref_logits.mjs` to add onnxruntime's logits to the test copies' ref.json.

digits_cnn.onnx (a copy of the shared generator's cnn_digits28.onnx) was trained on scikit-learn's 8x8 digits
divided by 16 (values 0-1, white ink on black) and upsampled to 28x28 with torch's bilinear interpolation
(align_corners=False). Each PNG here is exactly that 28x28 image as 8-bit grey (round(255 * value)), so a user who
declares `{"preset": "unit", "channels": "L", "size": [28, 28]}` feeds the model what it was trained on, to within
half a grey level.

Also writes demo/workspace/images/digits_by_class/<label>/digit_<label>_<sklearn index>.png: three pictures per class in
one subfolder per class, the layout the Evaluation tab reads (`--class-folders` writes only these, without torch:
numpy's bilinear_28 is checked against torch's images in demo/workspace/images/digits first, to one grey level).

Writes demo/workspace/images/digits/digit_<label>_<sklearn index>.png (12 images, every class), copies six of them
into test/fixtures/images/digits/ and writes test/fixtures/images/digits/ref.json with their files, labels,
the preprocessing and the decoded grey levels.
"""
import json
import os
import shutil
import sys

import numpy as np
from PIL import Image
from sklearn.datasets import load_digits

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "demo", "workspace", "images", "digits")
TEST = os.path.join(ROOT, "test", "fixtures", "images", "digits")
PREPROCESSING = {"preset": "unit", "channels": "L", "size": [28, 28], "resize": "stretch"}

digits = load_digits()
BY_CLASS = os.path.join(ROOT, "demo", "workspace", "images", "digits_by_class")


def bilinear_28(images):
    """torch's F.interpolate(size=(28, 28), mode="bilinear", align_corners=False) of (n, 8, 8) images, in numpy."""
    src = np.maximum((np.arange(28) + 0.5) * (8 / 28) - 0.5, 0)
    i0 = np.floor(src).astype(int)
    i1 = np.minimum(i0 + 1, 7)
    w = (src - i0).astype(np.float32)
    rows = images[:, i0, :] * (1 - w)[None, :, None] + images[:, i1, :] * w[None, :, None]
    return rows[:, :, i0] * (1 - w)[None, None, :] + rows[:, :, i1] * w[None, None, :]


def grey_levels(indices):
    x = bilinear_28((digits.images[indices] / 16.0).astype(np.float32))
    return np.clip(np.round(x * 255.0), 0, 255).astype(np.uint8)


def write_class_folders():
    # numpy's upsampling must give torch's grey levels (to one level): check it on the committed demo images first.
    for f in sorted(os.listdir(DEMO)):
        index = int(f.split("_")[2].split(".")[0])
        diff = np.abs(np.asarray(Image.open(os.path.join(DEMO, f))).astype(int) - grey_levels([index])[0])
        assert diff.max() <= 1, f  # float32 sums in another order can round a tie the other way
    shutil.rmtree(BY_CLASS, ignore_errors=True)
    for label in range(10):
        picked = [i for i in range(1530, len(digits.target)) if digits.target[i] == label][:3]
        os.makedirs(os.path.join(BY_CLASS, str(label)))
        for i, g in zip(picked, grey_levels(picked)):
            Image.fromarray(g, mode="L").save(os.path.join(BY_CLASS, str(label), f"digit_{label}_{i:04d}.png"), optimize=True)
    print("wrote 30 pictures in", BY_CLASS)


if "--class-folders" in sys.argv:
    write_class_folders()
    sys.exit(0)

import torch  # noqa: E402 (only the demo and test copies need torch)
import torch.nn.functional as F  # noqa: E402

# One image of every class from the last 300 of the set, then the next 3 and 8 (the classes most often confused).
picked = []
for label in list(range(10)) + [3, 8]:
    picked.append(next(i for i in range(1500, len(digits.target)) if digits.target[i] == label and i not in picked))

x = torch.from_numpy((digits.images[picked] / 16.0).astype(np.float32)).unsqueeze(1)
x = F.interpolate(x, size=(28, 28), mode="bilinear", align_corners=False)  # as in training
grey = np.clip(np.round(x.numpy()[:, 0] * 255.0), 0, 255).astype(np.uint8)

for d in (DEMO, TEST):
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.endswith(".png"):
            os.remove(os.path.join(d, f))
names = []
for i, g in zip(picked, grey):
    name = f"digit_{digits.target[i]}_{i:04d}.png"
    Image.fromarray(g, mode="L").save(os.path.join(DEMO, name), optimize=True)
    names.append(name)

ref = {"model": "test/fixtures/models/cnn_digits28.onnx", "preprocessing": PREPROCESSING, "shape": [1, 28, 28],
       "files": [], "labels": [], "sklearn_index": [], "pixels": []}
for k in (0, 1, 3, 5, 7, 8):
    shutil.copyfile(os.path.join(DEMO, names[k]), os.path.join(TEST, names[k]))
    # the decoded 0-255 grey levels, row-major; the model input is these times 1/255 (preset "unit")
    pixels = np.asarray(Image.open(os.path.join(TEST, names[k])).convert("L"))
    ref["files"].append(names[k])
    ref["labels"].append(int(digits.target[picked[k]]))
    ref["sklearn_index"].append(picked[k])
    ref["pixels"].append(pixels.reshape(-1).tolist())
with open(os.path.join(TEST, "ref.json"), "w") as f:
    json.dump(ref, f)
print("wrote", len(names), "demo images and", len(ref["files"]), "test copies")
write_class_folders()
