"""Model registry: baseline names and module:callable loading, as a new user would."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from newsgold.errors import InputError
from newsgold.models import BASELINES, load_extractor
from newsgold.models.registry import FunctionExtractor
from newsgold.records import DocumentAnnotations, EntityMention

USER_MODULE = textwrap.dedent(
    """
    import re

    class Capitalised:
        name = "capitalised"
        layers = ("entities",)

        def predict(self, document, stance_targets):
            return {"entities": [
                {"start": m.start(), "end": m.end(), "label": "PER"}
                for m in re.finditer(r"[A-Z][a-z]+", document.text)]}

    INSTANCE = Capitalised()

    def make():
        return Capitalised()

    def predict(document, stance_targets):
        return {"entities": []}

    def three(a, b, c):
        return None

    NOT_A_MODEL = 42
    """
)


@pytest.fixture
def user_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "my_ner_model.py"
    path.write_text(USER_MODULE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield path
    sys.modules.pop("my_ner_model", None)


@pytest.mark.parametrize(
    ("name", "layers"),
    [
        ("spacy-ner", ("entities",)),
        ("cameo-petrarch", ("events",)),
        ("cameo-rules", ("events",)),
        ("stance-cues", ("stance",)),
        ("stance-vader", ("stance",)),
    ],
)
def test_baselines_by_name(name: str, layers: tuple[str, ...]) -> None:
    extractor = load_extractor(name)
    assert extractor.name == name
    assert tuple(extractor.layers) == layers == BASELINES[name].layers


def test_majority_needs_dev_annotations() -> None:
    with pytest.raises(InputError, match="--fit-on"):
        load_extractor("majority")
    mention = [EntityMention(0, 1, "GPE", "x", "m1")]
    dev = DocumentAnnotations("bcca8abf89d832c0", "gold", entities=mention)  # a dev document
    assert load_extractor("majority", fit_on=[dev]).layers == ("entities",)
    test = DocumentAnnotations("6ebade2f8e52de11", "gold", entities=mention)  # the seed: test
    with pytest.raises(InputError, match="fitted on the dev split only"):
        load_extractor("majority", fit_on=[test])


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_every_baseline_says_what_it_saw(name: str) -> None:
    info = BASELINES[name]
    assert info.version and info.developed_on and info.trained_on
    # Only fitted baselines learn from annotations, and then from the dev split only.
    assert ("dev split" in info.trained_on) == info.needs_fit
    assert info.saw().startswith("trained on: ")


@pytest.mark.parametrize(
    ("spec", "expected_name", "expected_type"),
    [
        ("my_ner_model:Capitalised", "capitalised", "Capitalised"),  # a class
        ("my_ner_model:INSTANCE", "capitalised", "Capitalised"),  # an instance
        ("my_ner_model:make", "capitalised", "Capitalised"),  # a factory
        ("my_ner_model:predict", "predict", "FunctionExtractor"),  # a plain function
        ("my_ner_model.py:Capitalised", "capitalised", "Capitalised"),  # a file path
    ],
)
def test_module_callable(
    user_module: Path, spec: str, expected_name: str, expected_type: str
) -> None:
    extractor = load_extractor(spec)
    assert extractor.name == expected_name
    assert type(extractor).__name__ == expected_type


def test_function_extractor_predicts_every_layer(user_module: Path) -> None:
    extractor = load_extractor("my_ner_model:predict")
    assert isinstance(extractor, FunctionExtractor)
    assert extractor.layers == ("entities", "events", "stance")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("no-such-model", "unknown model 'no-such-model'"),
        ("no_such_module_xyz:Model", "cannot import module 'no_such_module_xyz'"),
        ("my_ner_model:Missing", "has no attribute 'Missing'"),
        ("my_ner_model:NOT_A_MODEL", "is a int, not an extractor"),
        ("my_ner_model:three", "takes 3 required argument"),
        ("missing/file.py:Model", "model file not found"),
    ],
)
def test_bad_specs(user_module: Path, spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_extractor(spec)
