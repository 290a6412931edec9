"""Tampered model files are refused before any of their content runs.

tests/classify covers a foreign type (SVC) and a pickle renamed model.skops. Here: a live
code-execution payload (skops' ConstructorFromReduceNode calling `os.system` / `builtins.eval`,
proven live by loading it with skops directly), a function reference, a damaged zip, a broken
schema and an object array smuggled into a .npy member.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from interviewlens.classify.model import load_model
from interviewlens.errors import InterviewLensError


def _json_node(value: object) -> dict:
    return {"__class__": type(value).__name__, "__module__": "builtins",
            "__loader__": "JsonNode", "content": json.dumps(value), "is_json": True,
            "__id__": id(value)}


def _call(module: str, name: str, *args: str) -> dict:
    """A schema node that makes skops call module.name(*args) while loading."""
    return {"__class__": name, "__module__": module, "__loader__": "ConstructorFromReduceNode",
            "content": {"__class__": "tuple", "__module__": "builtins", "__loader__": "TupleNode",
                        "content": [_json_node(a) for a in args], "__id__": 7},
            "__id__": 8}


@pytest.fixture
def trusted_model(tmp_path) -> Path:
    """A genuine (tiny) model folder made only of trusted types: it loads."""
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    folder = tmp_path / "model"
    folder.mkdir()
    estimator = LogisticRegression().fit(np.array([[0.0], [1.0], [2.0], [3.0]]), [0, 1, 0, 1])
    sio.dump({"kind": "five-way", "five-way": estimator}, folder / "model.skops")
    (folder / "model.json").write_text(json.dumps({"version": "tiny"}), encoding="utf-8")
    return folder


def _with_schema(folder: Path, edit) -> Path:
    path = folder / "model.skops"
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    schema = json.loads(members["schema.json"])
    edit(schema)
    members["schema.json"] = json.dumps(schema).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_the_genuine_model_loads(trusted_model):
    assert load_model(trusted_model).version == "tiny"


@pytest.mark.parametrize("module,name", [("os", "system"), ("posix", "system"),
                                         ("subprocess", "getoutput")])
def test_a_command_payload_is_refused_and_never_runs(trusted_model, tmp_path, module, name):
    import skops.io as sio

    sentinel = tmp_path / "pwned"
    path = _with_schema(trusted_model, lambda s: s["content"].__setitem__(
        "five-way", _call(module, name, f"touch {sentinel}")))
    with pytest.raises(InterviewLensError, match=rf"not trusted \(.*{module}\.{name}"):
        load_model(trusted_model)
    assert not sentinel.exists()
    # The payload is live: skops itself runs it once told to trust the type.
    sio.load(path, trusted=[f"{module}.{name}"])
    assert sentinel.exists()


def test_an_eval_payload_is_refused(trusted_model, tmp_path):
    sentinel = tmp_path / "pwned"
    _with_schema(trusted_model, lambda s: s["content"].__setitem__(
        "kind", _call("builtins", "eval", f"open({str(sentinel)!r}, 'w')")))
    with pytest.raises(InterviewLensError, match="not trusted"):
        load_model(trusted_model)
    assert not sentinel.exists()


def test_a_function_reference_is_refused(trusted_model):
    node = {"__class__": "system", "__module__": "os", "__loader__": "FunctionNode",
            "content": {}, "__id__": 9}
    _with_schema(trusted_model, lambda s: s["content"].__setitem__("five-way", node))
    with pytest.raises(InterviewLensError, match="not trusted"):
        load_model(trusted_model)


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.99])
def test_a_truncated_model_is_refused(trusted_model, cut):
    path = trusted_model / "model.skops"
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * cut)])
    with pytest.raises(InterviewLensError, match="not a readable skops model"):
        load_model(trusted_model)


def test_a_broken_schema_is_refused(trusted_model):
    path = trusted_model / "model.skops"
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["schema.json"] = b'{"__class__": "dict", "content": ' + b"[" * 100_000
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(InterviewLensError, match="not a readable skops model"):
        load_model(trusted_model)


class _Payload:
    def __init__(self, sentinel: str):
        self.sentinel = sentinel

    def __reduce__(self):
        return (open, (self.sentinel, "w"))


def test_a_pickled_object_array_in_a_member_is_refused(trusted_model, tmp_path):
    sentinel = tmp_path / "pwned"
    path = trusted_model / "model.skops"
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    evil = io.BytesIO()
    np.save(evil, np.array([_Payload(str(sentinel))], dtype=object), allow_pickle=True)
    for name in members:
        if name.endswith(".npy"):
            members[name] = evil.getvalue()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(InterviewLensError):
        load_model(trusted_model)
    assert not sentinel.exists()


def test_a_missing_or_damaged_metadata_file_is_refused(trusted_model):
    (trusted_model / "model.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InterviewLensError, match="cannot load the model"):
        load_model(trusted_model)
