"""docs/service-rules.md lists every rule the validator can emit, each with its source (issue 11).

Three ways an id could slip through, each closed here: an id written in the code but not in
the catalog, an id in the catalog but not on the page (or with another source), and a
problem emitted at run time whose id is neither. Comments point into the repository's own
docs, never at a file outside it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from connect_tui.core import shape_check
from connect_tui.core.model import Draft, Target
from connect_tui.core.rule_catalog import CATALOG
from connect_tui.core.validation import validate, validate_request
from tests.drafts import typical_draft
from tests.reference_mistakes import MISTAKES
from tests.reference_mistakes_documented import DOCUMENTED

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "service-rules.md").read_text()
CORE = ROOT / "connect_tui" / "core"


def rule_ids_in_code() -> set[str]:
    """Every `rule="..."` keyword written in the core, and `model.<code>` for each model check."""
    found: set[str] = set()
    for path in CORE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.keyword) and node.arg == "rule":
                assert isinstance(node.value, ast.Constant), f"{path.name}: a rule id is a literal"
                found.add(node.value.value)
    # The model check names its kind as the last argument of each `self.report(...)`.
    source = Path(shape_check.__file__).read_text()
    codes = re.findall(r'self\.report\((?:[^()]|\([^()]*\))*?,\s*"(\w+)"\s*\)', source, re.S)
    assert len(codes) >= 8
    found |= {f"model.{code}" for code in codes}
    return found


def test_every_rule_id_in_the_code_is_in_the_catalog() -> None:
    in_code = rule_ids_in_code()
    assert len(in_code) > 40
    assert in_code - set(CATALOG) == set()


def test_every_catalog_rule_is_on_the_page_with_its_source() -> None:
    rows = {line for line in PAGE.splitlines() if line.startswith("| `")}
    for rule_id, info in CATALOG.items():
        row = next((r for r in rows if r.startswith(f"| `{rule_id}` |")), None)
        assert row is not None, f"{rule_id} is not on docs/service-rules.md"
        assert info.source in row, f"{rule_id}: the page's source is not {info.source}"


def test_problems_emitted_name_catalog_rules() -> None:
    problems = []
    for mistake in MISTAKES:
        problems += validate_request(mistake.operation, mistake.request())
    for case in DOCUMENTED:
        problems += validate_request(case.operation, case.request())
    bad = Draft("x", operation="Nope")
    problems += validate(bad)
    odd = typical_draft()
    odd.target = Target(kind="cloud", region="Mars", endpoint_url="ftp://x", credentials="file")
    odd.variables = {"1bad": "x", "unused": "y"}
    odd.request["Name"] = "${missing}"
    problems += validate(odd)
    emitted = {p.rule_id for p in problems}
    assert len(emitted) > 30
    assert emitted - set(CATALOG) == set()


def test_code_points_into_the_repository_not_outside() -> None:
    for path in (ROOT / "connect_tui").rglob("*.py"):
        text = path.read_text()
        assert "../shared" not in text and "CONNECT_FACTS" not in text, path
