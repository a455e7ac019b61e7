"""No hidden state: environment switches are set for one call and restored after it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossalign import environment
from glossalign.environment import hub_offline, scoped_environ

CASES = [
    # (value before, value inside the block)
    (None, "1"),
    ("0", "1"),
    ("1", None),
    (None, None),
]


@pytest.mark.parametrize(("before", "inside"), CASES)
def test_scoped_environ_restores(monkeypatch: pytest.MonkeyPatch, before: str | None,
                                 inside: str | None) -> None:
    name = "GLOSSALIGN_TEST_SWITCH"
    if before is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, before)
    with scoped_environ(**{name: inside}):
        assert os.environ.get(name) == inside
    assert os.environ.get(name) == before


def test_scoped_environ_restores_after_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GLOSSALIGN_TEST_SWITCH", raising=False)
    with pytest.raises(RuntimeError), scoped_environ(GLOSSALIGN_TEST_SWITCH="1"):
        raise RuntimeError("boom")
    assert "GLOSSALIGN_TEST_SWITCH" not in os.environ


def test_hub_offline_respects_the_callers_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    with hub_offline():
        assert os.environ["HF_HUB_OFFLINE"] == "0"
        assert os.environ["HF_DATASETS_OFFLINE"] == "1"
    assert "HF_DATASETS_OFFLINE" not in os.environ
    assert environment.OFFLINE_VARIABLES == ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")


def test_reading_a_manifest_leaves_the_environment_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from glossalign.pipeline.batch.manifest import offline_datasets

    for name in environment.OFFLINE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    offline_datasets()
    assert not {name for name in environment.OFFLINE_VARIABLES if name in os.environ}


def test_neural_scorer_load_leaves_the_environment_alone(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: os.PathLike[str]) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from glossalign.errors import GlossalignError
    from glossalign.pipeline.align import neural

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    monkeypatch.setattr(neural, "hub_reachable", lambda timeout=2.0: False)
    seen: list[str | None] = []

    def fake_load(name: str, local_only: bool) -> tuple[object, object]:
        seen.append(os.environ.get("HF_HUB_OFFLINE"))
        raise GlossalignError(f"cannot load the sentence encoder {name!r}")

    monkeypatch.setattr(neural, "_load", fake_load)
    with pytest.raises(GlossalignError):  # not cached, no network: refused before any load
        neural.EncoderScorer.from_pretrained("no-such-org/no-such-model")
    assert seen == []
    snapshot = Path(tmp_path) / "hub" / "models--no-such-org--no-such-model" / "snapshots" / "0"
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(GlossalignError):  # cached: loaded from the cache only
        neural.EncoderScorer.from_pretrained("no-such-org/no-such-model")
    assert seen == ["1"]  # offline while loading ...
    assert "HF_HUB_OFFLINE" not in os.environ  # ... and not afterwards


def test_only_the_environment_module_changes_the_environment() -> None:
    """Every change to os.environ goes through scoped_environ, so none outlives its call."""
    import ast
    from pathlib import Path

    package = Path(environment.__file__).parent
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "environment.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            target = None
            if isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
                targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [
                    node.target]
                target = next((t for t in targets if isinstance(t, ast.Subscript)), None)
                target = target.value if target is not None else None
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("pop", "setdefault", "update", "clear", "putenv"):
                target = node.func.value
            if target is not None and ast.unparse(target) in ("os.environ", "os"):
                if isinstance(node, ast.Call) and ast.unparse(target) == "os" and \
                        node.func.attr != "putenv":  # type: ignore[union-attr]
                    continue
                offenders.append(f"{path.relative_to(package)}:{node.lineno}")
    assert not offenders, offenders
