"""Run by test_fresh_env.py inside a venv that has only `datasets`: load every config
offline and print, as JSON, the rows, ClassLabel names and label counts it sees.

Usage: python load_in_fresh_env.py DATASET_DIR CONFIG...
"""

import json
import sys
from collections import Counter

from datasets import ClassLabel, List, load_dataset


def label_names(features, prefix=""):
    for name, feature in features.items():
        while isinstance(feature, List):
            feature = feature.feature
        if isinstance(feature, ClassLabel):
            yield prefix + name, feature.names
        elif isinstance(feature, dict):
            yield from label_names(feature, prefix + name + ".")


def count(names, values):
    return Counter(names[value] for value in values)


def main(dataset_dir, configs):
    report = {}
    for config in configs:
        report[config] = {}
        for split, rows in load_dataset(dataset_dir, config).items():
            names = dict(label_names(rows.features))
            counts = {}
            if config == "documents":
                events = [e for r in rows["events"] for e in r]
                counts["entities"] = count(
                    names["entities.label"], [e["label"] for r in rows["entities"] for e in r]
                )
                counts["events"] = count(names["events.type"], [e["type"] for e in events])
                counts["realis"] = count(names["events.realis"], [e["realis"] for e in events])
                counts["roles"] = count(
                    names["events.arguments.role"],
                    [a["role"] for e in events for a in e["arguments"]],
                )
                counts["stances"] = count(
                    names["stances.label"], [s["label"] for r in rows["stances"] for s in r]
                )
            elif config == "entities":
                counts["entities"] = count(
                    names["entities.label"], [e["label"] for r in rows["entities"] for e in r]
                )
                tags = [names["ner_tags"][t] for r in rows["ner_tags"] for t in r]
                counts["begin_tags"] = Counter(t[2:] for t in tags if t.startswith("B-"))
            elif config == "events":
                counts["events"] = count(
                    names["events.type"], [e["type"] for r in rows["events"] for e in r]
                )
            else:
                counts["label"] = count(names["label"], rows["label"])
                counts["annotations"] = count(
                    names["annotations.label"],
                    [a["label"] for r in rows["annotations"] for a in r],
                )
            report[config][split] = {"rows": rows.num_rows, "labels": names, "counts": counts}
    try:
        import newsgold  # noqa: F401

        report["newsgold_importable"] = True
    except ImportError:
        report["newsgold_importable"] = False
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
