#!/usr/bin/python3
"""Accuracy of a drops model by what is in the drop: joins a simulated set's labels.csv with `winnow score drops --json`.

Usage:
  ./run simulate drops --n 600 --seed 3 --out held-out          # seed 3 = the shipped recipe's test images (seed + 2)
  ./run score drops --json held-out/*.jpg > scores.jsonl
  scripts/drops-by-contents.py held-out/labels.csv scores.jsonl

Prints accuracy per class, then for Crystals drops the recall split by what shares the drop (alone, precipitate,
other, both) and by crystal habit, because MARCO's priority labels a mixture Crystals and that is where models slip.
"""
import collections
import csv
import json
import os
import sys

# Contents that appear in every class and do not change the label.
INCIDENTAL = {"moulding", "dust", "fibre", "bubble", ""}


def main(labels_path, scores_path):
    labels = {row["file"]: row for row in csv.DictReader(open(labels_path))}
    scores = [json.loads(line) for line in open(scores_path) if line.strip().startswith("{")]
    if not scores:
        sys.exit(f"{scores_path}: no JSON objects (expected the output of `winnow score drops --json`)")
    per_class = collections.defaultdict(lambda: [0, 0])
    company = collections.defaultdict(lambda: [0, 0])
    habit = collections.defaultdict(lambda: [0, 0])
    for s in scores:
        name = os.path.basename(s["file"])
        if name not in labels:
            sys.exit(f"{scores_path}: {name} is not in {labels_path}")
        if "class" not in s:
            continue  # a file that failed to score; its error is in the scores file
        row = labels[name]
        right = s["class"] == row["class"]
        per_class[row["class"]][0] += right
        per_class[row["class"]][1] += 1
        if row["class"] != "Crystals":
            continue
        contents = row["contents"].split(";")
        others = sorted({c.split(":")[0] for c in contents if not c.startswith("crystals") and c not in INCIDENTAL})
        company["+".join(others) or "alone"][0] += right
        company["+".join(others) or "alone"][1] += 1
        for c in contents:
            if c.startswith("crystals:"):
                habit[c.split(":", 1)[1]][0] += right
                habit[c.split(":", 1)[1]][1] += 1
    total = sum(n for _, n in per_class.values())
    print(f"accuracy {sum(r for r, _ in per_class.values()) / total:.1%} of {total}")
    for title, table in (("class", per_class), ("crystals with", company), ("crystal habit", habit)):
        print(f"\n{title:<16} right  of  share")
        for key, (right, n) in sorted(table.items()):
            print(f"{key:<16} {right:5d} {n:4d} {right / n:6.1%}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
