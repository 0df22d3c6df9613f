"""The parallel render (fast/parallel.py): lanes of pages in forked workers, the reference's bytes."""

from __future__ import annotations

import os

import pytest
from conftest import build, many_papers_site, tree_bytes

from site_builder.errors import Problems
from site_builder.fast.cache import ContentCache
from site_builder.fast.parallel import CITATIONS, LISTS, PAPERS, lanes, render_workers
from site_builder.pipeline import build_reference, load_site
from site_builder.site.pages import plan_pages

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the build renders in one process")


@pytest.fixture
def many_papers(tmp_path):
    root = many_papers_site(tmp_path / "site")
    assert render_workers(plan_pages(load_site(root, Problems())[1], Problems())) > 1
    return root


def test_worker_processes_write_what_the_reference_pipeline_writes(many_papers, tmp_path):
    parallel = build(many_papers, tmp_path / "parallel")
    # Every abstract reached the cache, the ones forked workers rendered too.
    assert len(ContentCache(many_papers).markup) == 420
    assert build_reference(many_papers, tmp_path / "reference", Problems()) is not None
    assert tree_bytes(parallel) == tree_bytes(tmp_path / "reference")


def test_the_lanes_part_pages_by_the_fragments_they_need(many_papers):
    pages = plan_pages(load_site(many_papers, Problems())[1], Problems())
    found = lanes(pages)
    assert sorted(found[CITATIONS] + found[LISTS] + found[PAPERS]) == list(range(len(pages)))
    assert {pages[n].template for n in found[PAPERS]} == {"paper.html"}
    assert {pages[n].kind for n in found[CITATIONS]} == {"bibtex", "ris", "csljson"}
    assert "paper.html" not in {pages[n].template for n in found[LISTS]}
