#!/usr/bin/python3
"""The demo's text classifier: a bag-of-words sentiment model trained on sentences written here.

Run with Debian's interpreter (python3-sklearn, python3-onnx):
    /usr/bin/python3 demo/make_demo_text.py
Writes into demo/workspace/text/:
  sentiment.onnx            input_ids, attention_mask int64 [N, 32] -> probabilities [N, 2] (negative, positive):
                            softmax of +-z/2 with z = bias + sum of the attended tokens' weights, the weights of a
                            scikit-learn LogisticRegression fitted on word counts of 480 seeded template sentences
  tokenizer.json            a BERT-style WordPiece tokenizer over the sentences' words (test/fixtures/make_text_models.py)
  sentences.txt             a few reviews to explain
  sentiment.onnx.lens.json  the sidecar: data, class names, text settings
"""
import json
import os
import random
import re
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "test", "fixtures"))
from make_text_models import SPECIAL, wordpiece_tokenizer  # noqa: E402

OUT = os.path.join(HERE, "workspace", "text")
LENGTH = 32

SUBJECTS = ["the movie", "this film", "the plot", "the acting", "the story", "the ending", "the music", "the cast"]
VERBS = ["was", "is", "felt", "seemed"]
GOOD = ["great", "wonderful", "brilliant", "moving", "funny", "beautiful", "clever", "gripping", "superb", "charming"]
BAD = ["terrible", "awful", "boring", "dull", "clumsy", "predictable", "tedious", "bland", "painful", "silly"]
ADVERBS = ["", "really ", "very ", "quite ", "truly "]
TAILS = ["", " and i loved it", " and i hated it", " overall", " from start to finish", " at times"]


def sentence(rng, positive):
    adjective = rng.choice(GOOD if positive else BAD)
    tail = rng.choice(TAILS)
    # Tails carry sentiment of their own; keep them with the label they agree with, or neutral.
    if ("loved" in tail and not positive) or ("hated" in tail and positive):
        tail = ""
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(ADVERBS)}{adjective}{tail}"
    if rng.random() < 0.3:
        second = rng.choice(GOOD if positive else BAD)
        s += f", {rng.choice(['and', 'so'])} {second}"
    return s[0].upper() + s[1:] + rng.choice([".", "!", "."])


def words(s):
    """Lower-cased runs of letters and single punctuation marks: BertPreTokenizer's split for this ASCII text."""
    return re.findall(r"[a-z]+|[^\sa-z]", s.lower())


def main():
    rng = random.Random(3)
    labels = [i % 2 for i in range(480)]
    texts = [sentence(rng, y == 1) for y in labels]
    vocabulary = sorted({w for t in texts for w in words(t)} | {"not", "but", "it", "i", "a"})
    tokens = SPECIAL + vocabulary
    index = {t: i for i, t in enumerate(tokens)}
    counts = np.zeros((len(texts), len(tokens)))
    for r, t in enumerate(texts):
        for w in words(t):
            counts[r, index[w]] += 1
    clf = LogisticRegression(C=2.0, max_iter=2000).fit(counts, labels)
    print("training accuracy", clf.score(counts, labels))
    weights = clf.coef_[0].astype(np.float32)
    weights[: len(SPECIAL)] = 0  # special tokens and padding say nothing
    half = np.stack([-weights / 2, weights / 2], axis=1).astype(np.float32)  # [V, 2]
    bias = np.asarray([-clf.intercept_[0] / 2, clf.intercept_[0] / 2], dtype=np.float32)

    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", LENGTH]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", LENGTH]),
    ]
    inits = [
        numpy_helper.from_array(half, "word_weights"),
        numpy_helper.from_array(bias, "bias"),
        numpy_helper.from_array(np.asarray([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.asarray([2], dtype=np.int64), "axis2"),
    ]
    nodes = [
        helper.make_node("Gather", ["word_weights", "input_ids"], ["per_token"], axis=0),  # [N, T, 2]
        helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask_f", "axis2"], ["mask_3d"]),
        helper.make_node("Mul", ["per_token", "mask_3d"], ["kept"]),
        helper.make_node("ReduceSum", ["kept", "axis1"], ["summed"], keepdims=0),
        helper.make_node("Add", ["summed", "bias"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
    ]
    graph = helper.make_graph(
        nodes,
        "sentiment_bag_of_words",
        inputs,
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 2])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="model-lens-demo")
    model.ir_version = 8
    helper.set_model_props(model, {"class_names": json.dumps(["negative", "positive"])})
    onnx.checker.check_model(model)

    os.makedirs(OUT, exist_ok=True)
    onnx.save(model, os.path.join(OUT, "sentiment.onnx"))
    with open(os.path.join(OUT, "tokenizer.json"), "w") as f:
        json.dump(wordpiece_tokenizer(tokens), f, indent=1)
    with open(os.path.join(OUT, "sentences.txt"), "w") as f:
        f.write(
            "The acting was brilliant and i loved it!\n"
            "The plot was predictable, so boring.\n"
            "This film is not great, but the music was beautiful.\n"
            "The ending felt clumsy and the cast seemed bland.\n"
            "A truly gripping story from start to finish.\n"
        )
    with open(os.path.join(OUT, "sentiment.onnx.lens.json"), "w") as f:
        json.dump(
            {
                "version": 1,
                "data": "sentences.txt",
                "classNames": ["negative", "positive"],
                "method": "auto",
                "seed": 0,
                "text": {"tokenizer": "tokenizer.json", "units": "words", "masker": "mask"},
            },
            f,
            indent=2,
        )
        f.write("\n")


if __name__ == "__main__":
    main()
