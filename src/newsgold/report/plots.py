"""The report's PNG plots, drawn with matplotlib's Agg backend.

PNG bytes depend only on the inputs: a fixed DPI and size, matplotlib's bundled
DejaVu Sans font, and no ``Software`` or time metadata in the file.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from newsgold.scheme import QUAD_CLASSES, STANCE_LABELS

DPI = 100
_STYLE: Any = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.hashsalt": "newsgold",
    "axes.spines.top": False,
    "axes.spines.right": False,
}
# Colour-blind-safe palette (Okabe-Ito).
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)


@dataclass(frozen=True)
class TypeFigure:
    """F1 of one type for one system, with its confidence interval (``None`` if unknown)."""

    system: str
    label: str
    f1: float
    low: float | None
    high: float | None


def png_bytes(figure: Figure) -> bytes:
    """Render ``figure`` to PNG bytes without metadata (deterministic), then close it."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def per_type_f1_plot(figures: Sequence[TypeFigure], *, title: str) -> bytes:
    """Horizontal grouped bars: F1 per type, one bar per system, CI whiskers.

    Example:
        >>> data = per_type_f1_plot([TypeFigure("spacy-ner", "PER", 0.8, 0.7, 0.9)], title="x")
        >>> data[:4] == b"\\x89PNG"
        True
    """
    systems = sorted({f.system for f in figures})
    labels = sorted({f.label for f in figures})
    with plt.rc_context(_STYLE):
        height = max(2.5, 0.45 * len(labels) * max(1, len(systems)) ** 0.5 + 1.2)
        figure, axes = plt.subplots(figsize=(7.5, height))
        if not figures:
            axes.text(0.5, 0.5, "no scores for this layer", ha="center", va="center")
            axes.set_axis_off()
            axes.set_title(title)
            return png_bytes(figure)
        width = 0.8 / len(systems)
        positions = np.arange(len(labels))
        index = {(f.system, f.label): f for f in figures}
        for k, system in enumerate(systems):
            values, lower, upper = [], [], []
            for label in labels:
                item = index.get((system, label))
                value = item.f1 if item is not None else 0.0
                values.append(value)
                low = item.low if item is not None and item.low is not None else value
                high = item.high if item is not None and item.high is not None else value
                lower.append(max(0.0, value - low))
                upper.append(max(0.0, high - value))
            axes.barh(
                positions + (k - (len(systems) - 1) / 2) * width,
                values,
                height=width * 0.9,
                xerr=np.array([lower, upper]),
                capsize=2,
                color=PALETTE[k % len(PALETTE)],
                label=system,
                error_kw={"elinewidth": 0.8},
            )
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.set_xlim(0, 1)
        axes.set_xlabel("F1 (whiskers: 95% bootstrap confidence interval)")
        axes.set_title(title)
        axes.legend(loc="lower right", fontsize=8, frameon=False)
        figure.tight_layout()
        return png_bytes(figure)


def stance_confusion_plot(matrices: Mapping[str, Sequence[Sequence[int]]]) -> bytes:
    """One confusion matrix per system: gold polarity (rows) x predicted (columns),
    counted over sentence x target cells as ``newsgold score`` does."""
    labels = list(STANCE_LABELS)
    systems = sorted(matrices)
    with plt.rc_context(_STYLE):
        columns = max(1, len(systems))
        figure, axes_row = plt.subplots(1, columns, figsize=(3.3 * columns, 3.3), squeeze=False)
        for axes, system in zip(axes_row[0], systems or [""], strict=True):
            matrix = np.array(matrices.get(system, [[0] * 3] * 3), dtype=int)
            axes.imshow(matrix, cmap="Blues", vmin=0, vmax=max(1, int(matrix.max())))
            for r in range(len(labels)):
                for c in range(len(labels)):
                    colour = "white" if matrix[r, c] > matrix.max() / 2 else "black"
                    axes.text(c, r, str(matrix[r, c]), ha="center", va="center", color=colour)
            axes.set_xticks(range(len(labels)), labels)
            axes.set_yticks(range(len(labels)), labels)
            axes.set_xlabel("predicted")
            axes.set_ylabel("gold")
            axes.set_title(system or "no stance system")
        figure.suptitle("Stance: gold vs predicted polarity (sentence x target cells)")
        figure.tight_layout()
        return png_bytes(figure)


def quad_breakdown_plot(tables: Mapping[str, Mapping[str, Mapping[str, int]]]) -> bytes:
    """Events per QuadClass: the gold count, and per system predicted (outline) and
    correct (filled) events; ``tables[system][quad]`` has ``gold``, ``predicted``, ``tp``."""
    systems = sorted(tables)
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(7.5, 3.6))
        positions = np.arange(len(QUAD_CLASSES))
        groups = 1 + len(systems)
        width = 0.8 / groups
        first = tables[systems[0]] if systems else {}
        gold = [first.get(q, {}).get("gold", 0) for q in QUAD_CLASSES]
        axes.bar(positions - 0.4 + width / 2, gold, width * 0.9, color="#999999", label="gold")
        for k, system in enumerate(systems, start=1):
            table = tables[system]
            offset = positions - 0.4 + width / 2 + k * width
            colour = PALETTE[(k - 1) % len(PALETTE)]
            axes.bar(
                offset,
                [table.get(q, {}).get("predicted", 0) for q in QUAD_CLASSES],
                width * 0.9,
                fill=False,
                edgecolor=colour,
                label=f"{system} predicted",
            )
            axes.bar(
                offset,
                [table.get(q, {}).get("tp", 0) for q in QUAD_CLASSES],
                width * 0.9,
                color=colour,
                label=f"{system} correct",
            )
        names = [q.replace("_", " ").lower() for q in QUAD_CLASSES]
        axes.set_xticks(positions, names)
        axes.set_ylabel("event mentions")
        axes.set_title("Events by QuadClass (correct = trigger span and QuadClass match)")
        axes.legend(fontsize=7, frameon=False, ncol=2)
        figure.tight_layout()
        return png_bytes(figure)
