"""Live model pre-annotations: a Label Studio ML backend that serves any newsgold model.

Label Studio 1.23 asks an ML backend for predictions when an annotator opens a task that
has none (and from the Data Manager's "Retrieve predictions" action). This module serves
any :class:`~newsgold.models.protocol.Extractor` over the ML backend HTTP contract that
Label Studio's ``ml/api_connector.py`` speaks:

==========  =====  ===========================================================
path        verb   answer
==========  =====  ===========================================================
/health     GET    ``{"status": "UP", "model_class": ...}``
/setup      POST   ``{"model_version": <model name>}``
/predict    POST   ``{"results": [{"result": [...], "model_version": ...}],
                   "model_version": ...}``, one result per task, in task order
/versions   GET    ``{"versions": [<model name>]}``
/webhook    POST   ``{}`` (training events are not used)
==========  =====  ===========================================================

The ``label-studio-ml`` package on PyPI (1.0.9) pins Flask 1.1.2, Jinja2 3.0.3 and
werkzeug 2.0.2 and predates ``/setup``, so the contract is implemented here with
Starlette and served by uvicorn. ``model_version`` is the model's ``name``.

A task is found in the corpus by ``data.doc_id`` and ``data.offset`` (the chunk start,
see :mod:`newsgold.labelstudio.tasks`); its layer comes from the project's labeling
config. The result is what ``newsgold labelstudio tasks --model`` would pre-annotate:
in the events and stance layers the gold entities (when there is a gold) with the
model's events or stances linked to them.

The backend serves models to Label Studio, so it sits above both (a top-level module in
the renderers' layer, beside the leaderboard and the report): Label Studio code never
imports a model.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from newsgold.corpus.document import Document
from newsgold.errors import InputError
from newsgold.labelstudio.chunks import document_chunks
from newsgold.labelstudio.config import LAYERS
from newsgold.labelstudio.server import HOST, ServerError
from newsgold.labelstudio.tasks import chunk_prediction
from newsgold.models.protocol import Extractor
from newsgold.records import DocumentAnnotations, StanceTarget

_LAYER_CONTROLS = (("events", 'name="trigger"'), ("stance", 'name="evidence"'))


def layer_of_config(label_config: str) -> str:
    """The newsgold layer a labeling config annotates (by its distinctive controls)."""
    for layer, control in _LAYER_CONTROLS:
        if control in label_config:
            return layer
    return "entities"


class PreAnnotator:
    """Turns Label Studio tasks into one model's pre-annotations.

    Args:
        extractor: the model.
        documents: the corpus.
        stance_targets: declared targets per document.
        gold_entities: doc id -> gold record whose entities the events and stance tasks
            show (their ids link the model's arguments and holders); None: no gold yet.
    """

    def __init__(
        self,
        extractor: Extractor,
        documents: Mapping[str, Document],
        *,
        stance_targets: Mapping[str, Sequence[StanceTarget]] | None = None,
        gold_entities: Mapping[str, DocumentAnnotations] | None = None,
    ) -> None:
        self.extractor = extractor
        self.documents = documents
        self.stance_targets = stance_targets or {}
        self.gold_entities = gold_entities or {}
        self._records: dict[str, DocumentAnnotations] = {}
        self._lock = threading.Lock()

    @property
    def model_version(self) -> str:
        return str(self.extractor.name)

    def _record(self, document: Document) -> DocumentAnnotations:
        from newsgold.predict import predict_records

        with self._lock:  # one prediction per document, however many requests ask
            if document.id not in self._records:
                (record,) = predict_records(
                    self.extractor, [document], stance_targets=self.stance_targets
                )
                self._records[document.id] = record
            return self._records[document.id]

    def predict_task(self, task: Mapping[str, Any], layer: str) -> dict[str, Any]:
        """The prediction for one task (``{"result": [...], "model_version": ...}``).

        Raises:
            InputError: the task is not a chunk of a corpus document.
        """
        data = task.get("data") or {}
        document = self.documents.get(str(data.get("doc_id")))
        if document is None:
            raise InputError(f"task {task.get('id')}: document {data.get('doc_id')!r} is unknown")
        chunk = next((c for c in document_chunks(document) if c.start == data.get("offset")), None)
        if chunk is None or document.text[chunk.start : chunk.end] != data.get("text"):
            raise InputError(
                f"task {task.get('id')}: data.offset {data.get('offset')!r} and data.text do "
                f"not match a chunk of document {document.id}"
            )
        gold = self.gold_entities.get(document.id) if layer != "entities" else None
        prediction = chunk_prediction(
            layer, document, chunk, gold, self._record(document), self.model_version
        )
        result = prediction["result"] if prediction else []
        return {"result": result, "score": None, "model_version": self.model_version}

    def predict(self, tasks: Sequence[Mapping[str, Any]], label_config: str) -> dict[str, Any]:
        """The answer to ``/predict``: one prediction per task, in order.

        A task that is not a chunk of a corpus document gets an empty prediction (Label
        Studio needs one result per task); the reason goes to the ``errors`` list.
        """
        layer = layer_of_config(label_config)
        results = []
        errors = []
        for task in tasks:
            try:
                results.append(self.predict_task(task, layer))
            except InputError as exc:
                errors.append(str(exc))
                results.append({"result": [], "score": None, "model_version": self.model_version})
        answer: dict[str, Any] = {"results": results, "model_version": self.model_version}
        if errors:
            answer["errors"] = errors
        return answer


def create_app(annotator: PreAnnotator) -> Any:
    """The Starlette application serving ``annotator`` over the ML backend contract."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "UP", "model_class": type(annotator.extractor).__name__})

    async def setup(request: Request) -> JSONResponse:
        return JSONResponse({"model_version": annotator.model_version})

    async def versions(request: Request) -> JSONResponse:
        return JSONResponse({"versions": [annotator.model_version]})

    async def webhook(request: Request) -> JSONResponse:
        return JSONResponse({})

    async def predict(request: Request) -> JSONResponse:
        from starlette.concurrency import run_in_threadpool

        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "expected a JSON body"}, status_code=400)
        tasks = body.get("tasks") if isinstance(body, dict) else None
        if not isinstance(tasks, list):
            return JSONResponse({"error": "expected {'tasks': [...]}"}, status_code=400)
        label_config = str(body.get("label_config") or "")
        # models are synchronous and may be slow: keep the event loop free
        answer = await run_in_threadpool(annotator.predict, tasks, label_config)
        return JSONResponse(answer)

    return Starlette(
        routes=[
            Route("/health", health, methods=["GET"]),
            Route("/", health, methods=["GET"]),
            Route("/setup", setup, methods=["POST"]),
            Route("/versions", versions, methods=["GET"]),
            Route("/webhook", webhook, methods=["POST"]),
            Route("/predict", predict, methods=["POST"]),
        ]
    )


@contextmanager
def running_ml_backend(
    annotator: PreAnnotator, *, port: int, timeout: float = 30.0
) -> Iterator[str]:
    """Serve ``annotator`` on ``127.0.0.1:port`` in a background thread; yield its URL.

    Raises:
        ServerError: the server did not start within ``timeout`` (port taken?).

    Example:
        >>> import json, urllib.request
        >>> from newsgold.labelstudio.server import free_port
        >>> from newsgold.models import load_extractor
        >>> annotator = PreAnnotator(load_extractor("cameo-rules"), documents={})
        >>> with running_ml_backend(annotator, port=free_port()) as url:
        ...     with urllib.request.urlopen(f"{url}/health") as answer:
        ...         print(json.load(answer)["status"])
        UP
    """
    import uvicorn

    config = uvicorn.Config(create_app(annotator), host=HOST, port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"ml-backend-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise ServerError(f"the ML backend did not start on {HOST}:{port}; is the port free?")
        time.sleep(0.05)
    try:
        yield f"http://{HOST}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def connect_ml_backend(
    client: Any, url: str, *, model_version: str, layers: Sequence[str] = LAYERS
) -> dict[str, int]:
    """Connect the ML backend at ``url`` to the ``push``-ed project of each layer.

    Label Studio 1.23 asks only a project's first ML backend, so an earlier newsgold
    backend of the project (another model or port; its title starts with ``newsgold``)
    is disconnected first; its predictions stay. The backend is titled after the model,
    which makes the model the project's ``model_version``. Label Studio checks the
    backend's ``/health`` and ``/setup`` when connecting, so it must be running.

    Returns:
        layer -> ML backend id in Label Studio.

    Raises:
        InputError: a layer's project does not exist (run ``newsgold labelstudio push``),
            or the project has an ML backend that newsgold did not connect.
    """
    from newsgold.labelstudio.client import find_project, project_title

    connected: dict[str, int] = {}
    for layer in layers:
        title = project_title(layer)
        project_id = find_project(client, title)
        if project_id is None:
            raise InputError(f"no project {title!r} on the server; run `newsgold labelstudio push`")
        keep = None
        for backend in client.ml.list(project=project_id):
            if backend.url.rstrip("/") == url and backend.title == model_version:
                keep = backend
            elif backend.description == _DESCRIPTION:
                client.ml.delete(backend.id)
            else:
                raise InputError(
                    f"project {title!r} already has the ML backend {backend.title!r} at "
                    f"{backend.url}; Label Studio asks only the first one, so remove it in the "
                    "project's Model settings first"
                )
        if keep is None:
            keep = client.ml.create(
                url=url,
                project=project_id,
                title=model_version,
                description=_DESCRIPTION,
                is_interactive=False,
                auto_update=True,
            )
        connected[layer] = int(keep.id)
    return connected


_DESCRIPTION = "newsgold labelstudio ml-backend"


def model_layers(extractor: Extractor) -> list[str]:
    """The layers whose projects the model can pre-annotate."""
    return [layer for layer in LAYERS if layer in set(extractor.layers)]
