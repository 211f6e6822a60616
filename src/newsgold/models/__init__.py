"""Models: the ``Extractor`` protocol, the shipped baselines and the model registry.

Plug in your own model by writing an object with ``name``, ``layers`` and
``predict(document, stance_targets)`` (see :mod:`newsgold.models.protocol` and
``docs/models.md``), then ``newsgold predict --model my_module:MyModel``.

Running a model over documents is the predictions stage, :mod:`newsgold.predict`
(:func:`~newsgold.predict.run_extractor`, :func:`~newsgold.predict.predict_records`).
"""

from __future__ import annotations

from newsgold.models.protocol import (
    LAYERS,
    DocumentPrediction,
    Extractor,
    PredictedArgument,
    PredictedEntity,
    PredictedEvent,
    PredictedStance,
)
from newsgold.models.registry import (
    BASELINES,
    RUN_BASELINES,
    BaselineInfo,
    FunctionExtractor,
    load_extractor,
)

__all__ = [
    "BASELINES",
    "LAYERS",
    "RUN_BASELINES",
    "BaselineInfo",
    "DocumentPrediction",
    "Extractor",
    "FunctionExtractor",
    "PredictedArgument",
    "PredictedEntity",
    "PredictedEvent",
    "PredictedStance",
    "load_extractor",
]
