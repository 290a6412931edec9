"""interviewlens never touches the network: the suite's guard is on, no code path downloads,
and the real command run in a fresh process (without the HF_*_OFFLINE variables) opens no
connection — an audit hook records every connect/resolve attempt, even one a library would
swallow."""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest

from tests.reliability.conftest import REPO

SRC = REPO / "src" / "interviewlens"
CLI = Path(sys.executable).with_name("interviewlens")

# Audit hook installed in the child process through sitecustomize: every socket connect
# (except local unix sockets) and every name resolution is logged, then refused.
HOOK = textwrap.dedent("""
    import os, socket, sys

    _LOG = os.environ["NETLOG"]

    def _hook(event, args):
        if event == "socket.connect" and getattr(args[0], "family", None) == socket.AF_UNIX:
            return
        if event in {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                     "socket.gethostbyname_ex", "socket.sendto", "socket.sendmsg",
                     "urllib.Request"}:
            with open(_LOG, "a") as log:
                log.write(f"{event} {args[1:] if event == 'socket.connect' else args!r}\\n")
            raise OSError(f"network access refused in test: {event}")

    sys.addaudithook(_hook)
""")


def test_the_guard_is_on_a_connection_attempt_fails():
    from pytest_socket import SocketBlockedError

    with pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises((SocketBlockedError, OSError)):
        urllib.request.urlopen("http://example.org", timeout=1)


_NETWORK_MODULES = {"urllib.request", "urllib3", "requests", "httpx", "http.client", "aiohttp",
                    "ftplib", "socket", "huggingface_hub.file_download", "smtplib"}
_DOWNLOAD_CALLS = {"download", "hf_hub_download", "snapshot_download", "urlopen", "urlretrieve",
                   "from_pretrained", "load_dataset"}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{where} import {a.name}" for a in node.names
                      if a.name in _NETWORK_MODULES or a.name.startswith("spacy.cli")]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = {f"{node.module}.{a.name}" for a in node.names} | {node.module}
            found += [f"{where} from {node.module}" for n in names if n in _NETWORK_MODULES][:1]
            found += [f"{where} imports {a.name}" for a in node.names
                      if a.name in _DOWNLOAD_CALLS]
            if node.module.startswith("spacy.cli"):
                found.append(f"{where} from {node.module}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _DOWNLOAD_CALLS:
                found.append(f"{where} calls {name}()")
            # A sentence-transformers model named by a hub id (a string literal) would be
            # downloaded; it must be a local folder, passed as a variable.
            if name == "SentenceTransformer" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                found.append(f"{where} SentenceTransformer({node.args[0].value!r})")
            if name == "SentenceTransformer" and not any(
                    k.arg == "local_files_only" for k in node.keywords):
                found.append(f"{where} SentenceTransformer without local_files_only")
    return found


def test_no_code_path_downloads_anything():
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 30
    offences = [o for f in files for o in _offences(f)]
    assert offences == []


def test_the_scanner_would_see_a_download(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text("import spacy.cli\nfrom urllib.request import urlopen\n"
                      "spacy.cli.download('fr_core_news_lg')\n"
                      "from huggingface_hub import hf_hub_download\n"
                      "SentenceTransformer('dangvantuan/sentence-camembert-base')\n")
    assert len(_offences(sample)) == 7, _offences(sample)


@pytest.fixture(scope="module")
def hooked_env(tmp_path_factory) -> tuple[dict[str, str], Path]:
    folder = tmp_path_factory.mktemp("hook")
    (folder / "sitecustomize.py").write_text(HOOK)
    log = folder / "network.log"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HF_", "TRANSFORMERS_", "SENTENCE_TRANSFORMERS", "SPACY_"))}
    env.update(PYTHONPATH=str(folder), NETLOG=str(log))
    return env, log


def _run(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def test_the_audit_hook_sees_a_connection(hooked_env):
    env, log = hooked_env
    log.unlink(missing_ok=True)
    for code in ("import socket; socket.create_connection(('localhost', 9), timeout=1)",
                 "import socket; socket.socket().connect(('127.0.0.1', 9))"):
        done = _run(env, sys.executable, "-c", code)
        assert done.returncode != 0 and "network access refused" in done.stderr
    assert log.read_text().splitlines() == ["socket.getaddrinfo ('localhost', 9, 0, 1, 0)",
                                            "socket.connect (('127.0.0.1', 9),)"]
    log.unlink()


@pytest.fixture(scope="module")
def small_model(tmp_path_factory) -> Path:
    """A quickly trained model (the shipped one takes ~17 s to load; same code path)."""
    from interviewlens.classify.features import DISABLED_COMPONENTS, featurize
    from interviewlens.classify.model import ModelConfig, save_model
    from interviewlens.classify.training import load_training_corpus, train
    from interviewlens.nlp.loading import load_french

    corpus = load_training_corpus(REPO / "corpora" / "swot-train")
    corpus = corpus.groupby("label").sample(20, random_state=0).reset_index(drop=True)
    features = featurize(corpus.text.tolist(), load_french("fr_core_news_sm", DISABLED_COMPONENTS),
                         questions=corpus.question.tolist())
    folder = tmp_path_factory.mktemp("model") / "small"
    save_model(train(corpus, features, ModelConfig(calibrate=False)), folder)
    return folder


def test_commands_open_no_connection_without_offline_variables(hooked_env, small_model,
                                                               one_interview, tmp_path):
    env, log = hooked_env
    log.unlink(missing_ok=True)
    table = tmp_path / "avis.csv"
    table.write_text("text\nLa commune a une école très dynamique.\n"
                     "Le bus ne passe plus depuis deux ans.\n", encoding="utf-8")
    coded = _run(env, CLI, "classify-file", table, "-o", tmp_path / "codage.csv",
                 "--model", small_model, "--spacy-model", "fr_core_news_sm")
    assert coded.returncode == 0, coded.stderr
    assert (tmp_path / "codage.csv").read_text().count("\n") == 3
    analysed = _run(env, CLI, "analyse", one_interview, "--spacy-model", "fr_core_news_sm")
    assert analysed.returncode == 0, analysed.stderr
    assert not log.exists(), log.read_text()
