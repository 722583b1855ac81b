"""Provides the sample drafts under their old name: they live in tests/drafts.py now.

Kept so that a benchmark or test written against `benchmarks.drafts` still runs; new code
imports `tests.drafts`.
"""

from __future__ import annotations

from tests.drafts import (
    largest_legal_draft,
    largest_legal_request,
    outbound_chain_draft,
    segment_tree,
    typical_draft,
    typical_inbound_request,
    typical_outbound_draft,
    typical_outbound_request,
)

__all__ = [
    "largest_legal_draft",
    "largest_legal_request",
    "outbound_chain_draft",
    "segment_tree",
    "typical_draft",
    "typical_inbound_request",
    "typical_outbound_draft",
    "typical_outbound_request",
]
