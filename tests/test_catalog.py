"""The catalog made again after an edit (`update_catalog`) equals the catalog built anew."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.errors import Problems
from site_builder.site.catalog import LARGE_TEAM, SHOWN_OF_LARGE_TEAM, build_catalog, update_catalog
from site_builder.source.config import load_config
from site_builder.source.content import load_papers
from site_builder.source.registry import load_registry

CONFIG = load_config(REPO, Problems())
REGISTRY = load_registry(REPO, Problems())
PAPERS = sorted(load_papers(REPO, Problems()), key=lambda p: p.slug)
BEFORE = build_catalog(CONFIG, REGISTRY, PAPERS)


def edited(slug: str, **changes) -> list:
    return [dataclasses.replace(p, **changes) if p.slug == slug else p for p in PAPERS]


@pytest.mark.parametrize(
    ("slug", "changes"),
    [
        ("hat", {"title": "HAT: Hardware-Aware Transformers (revised)"}),
        ("hat", {"body": "A new abstract with $x^2$."}),
        ("hat", {"venue": "ACL 2021", "doi": "10.1/x"}),
        ("hart", {"title": "HART: Efficient Visual Generation, revised"}),  # still between its same-day neighbours
        ("hat", {"title": "Zebra: a title with another first word"}),  # a new citation key
        ("hart", {"title": "AAA comes first among papers of its day"}),  # its lists sorted again
    ],
)
def test_a_text_edit_updates_the_catalog_in_place(slug, changes):
    papers = edited(slug, **changes)
    updated = update_catalog(BEFORE, papers)
    assert updated == build_catalog(CONFIG, REGISTRY, papers)
    paper = next(p for p in papers if p.slug == slug)
    # Lists that do not show the edited paper are the very same objects as before.
    for lists_before, lists_after in (
        (BEFORE.papers_by_author, updated.papers_by_author),
        (BEFORE.papers_by_topic, updated.papers_by_topic),
        (BEFORE.papers_by_year, updated.papers_by_year),
    ):
        for key, shown in lists_after.items():
            assert (shown is lists_before[key]) == (paper not in shown)
    assert updated.authors is BEFORE.authors and updated.coauthors is BEFORE.coauthors


@pytest.mark.parametrize(
    ("slug", "changes"),
    [
        ("hat", {"authors": ("Hanrui Wang", "Somebody New")}),
        ("hat", {"topics": ("A New Topic",)}),
        ("hat", {"date": dt.date(2021, 1, 1)}),
        ("hat", {"category": "CV"}),
    ],
)
def test_an_edit_that_regroups_asks_for_a_new_catalog(slug, changes):
    assert update_catalog(BEFORE, edited(slug, **changes)) is None


def test_papers_added_or_removed_ask_for_a_new_catalog():
    assert update_catalog(BEFORE, PAPERS[1:]) is None
    renamed = [dataclasses.replace(PAPERS[0], slug="brand-new"), *PAPERS[1:]]
    assert update_catalog(BEFORE, renamed) is None


def test_nothing_changed_is_the_same_catalog():
    assert update_catalog(BEFORE, list(reversed(PAPERS))) is BEFORE


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([p.slug for p in PAPERS]),
            st.sampled_from(["title", "body", "bibtex_key"]),
            st.text(alphabet="abcdefgh XYZ:-", min_size=1, max_size=12),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_text_edits_give_the_catalog_a_full_build_gives(edits):
    papers = list(PAPERS)
    for slug, field, text in edits:
        papers = [dataclasses.replace(p, **{field: text.strip() or "x"}) if p.slug == slug else p for p in papers]
    # text moves no paper to another group: the catalog is always updated, never built anew
    assert update_catalog(BEFORE, papers) == build_catalog(CONFIG, REGISTRY, papers)


def _paper(slug: str, authors: list[str]):
    from site_builder.site.model import Paper

    return Paper(slug, f"Title {slug}", tuple(authors), dt.date(2020, 1, 1), "hep-ex")


TEAM = [f"Person {chr(65 + n // 26)}{chr(97 + n % 26)}" for n in range(LARGE_TEAM + 10)]
TEAM[40] = "Song Han"  # a lab member (site.yaml), far down a collaboration's list
TEAM[45] = "jane outsider"  # a spelling whose slug is also that of someone with a page


def test_a_large_collaborations_authors_have_pages_only_through_other_papers_or_the_registry():
    big, small = _paper("big", TEAM), _paper("small", [TEAM[5], "Jane Outsider"])
    catalog = build_catalog(CONFIG, REGISTRY, [big, small])
    assert [a.name for a in catalog.authors] == ["Jane Outsider", TEAM[5], "Song Han"]
    assert catalog.authors_without_page == len(TEAM) - 2
    by_name = {a.name: a for a in catalog.authors_of["big"]}
    assert not by_name[TEAM[0]].page and by_name["Song Han"].page and by_name[TEAM[5]].page
    assert by_name["jane outsider"].slug == "jane-outsider-2"
    assert next(a for a in catalog.authors if a.name == "Jane Outsider").slug == "jane-outsider"  # never moved by a team's names
    assert catalog.coauthors[by_name["Song Han"].slug] == ((by_name[TEAM[5]], 1),)
    assert set(catalog.papers_by_author) == {a.slug for a in catalog.authors}
    shown, more = catalog.shown_authors(big)
    assert shown == (*catalog.authors_of["big"][:SHOWN_OF_LARGE_TEAM], None, by_name["Song Han"])
    assert more == len(TEAM) - SHOWN_OF_LARGE_TEAM - 1
    assert catalog.shown_authors(small) == (catalog.authors_of["small"], 0)


def test_a_paper_of_exactly_the_large_team_size_is_an_ordinary_one():
    catalog = build_catalog(CONFIG, REGISTRY, [_paper("edge", TEAM[:LARGE_TEAM])])
    assert catalog.authors_without_page == 0 and len(catalog.authors) == LARGE_TEAM
    assert catalog.shown_authors(catalog.papers[0])[1] == 0


def test_a_text_edit_of_a_large_collaborations_paper_updates_the_catalog_in_place():
    big, small = _paper("big", TEAM), _paper("small", [TEAM[5], "Jane Outsider"])
    before = build_catalog(CONFIG, REGISTRY, [big, small])
    papers = [dataclasses.replace(big, title="Title big, revised"), small]
    assert update_catalog(before, papers) == build_catalog(CONFIG, REGISTRY, papers)


def test_two_people_of_one_name_on_a_paper_are_both_listed_and_cited():
    """A PubMed-style list can name two people `Zhang, T`: the page and the citations keep
    both; the author page, the co-authors and the filters count the person once."""
    paper = _paper("rice", ["D Zhao", "T Zhang", "J Shen", "T Zhang"])
    catalog = build_catalog(CONFIG, REGISTRY, [paper])
    assert [a.name for a in catalog.listed_authors(paper)] == ["D Zhao", "T Zhang", "J Shen", "T Zhang"]
    assert [a.name for a in catalog.authors_of["rice"]] == ["D Zhao", "T Zhang", "J Shen"]
    assert catalog.papers_by_author["t-zhang"] == (paper,)
    assert catalog.shown_authors(paper) == (catalog.listed_authors(paper), 0)


def test_two_people_of_one_name_on_different_papers_each_have_their_page():
    """The registry tells them apart: an entry with `papers` is the name on those papers; on the
    others the name is the other person, registered or not."""
    from site_builder.site.model import Author

    registry = dataclasses.replace(
        REGISTRY,
        authors=(*REGISTRY.authors, Author("Yu Wang", "yu-wang-tsinghua", aliases=("Y. Wang",), papers=("b", "c"))),
    )
    a, b, c = _paper("a", ["Yu Wang", "Song Han"]), _paper("b", ["Y. Wang", "Song Han"]), _paper("c", ["Ann Lee", "Yu Wang"])
    catalog = build_catalog(CONFIG, registry, [a, b, c])
    first, second = catalog.authors_of["a"][0], catalog.authors_of["b"][0]
    assert (first.slug, second.slug, catalog.authors_of["c"][1].slug) == ("yu-wang", "yu-wang-tsinghua", "yu-wang-tsinghua")
    assert (first.name, second.name) == ("Yu Wang", "Yu Wang")
    assert (catalog.papers_by_author["yu-wang"], catalog.papers_by_author["yu-wang-tsinghua"]) == ((a,), (b, c))
    song = next(x for x in catalog.authors if x.name == "Song Han")
    assert dict((x.slug, n) for x, n in catalog.coauthors[song.slug]) == {"yu-wang": 1, "yu-wang-tsinghua": 1}
