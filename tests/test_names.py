"""The title/author splitter on every seed entry and on a fixture file of hard cases."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, REPO

from site_builder.importing.listing import ET_AL
from site_builder.text.bylineguess import best_guess_split
from site_builder.text.bylines import split_byline
from site_builder.text.names import collaboration_name, fold, is_name


def _hard_cases():
    text = (FIXTURES / "bylines.txt").read_text(encoding="utf-8")
    line = 1
    for block in text.split("\n\n"):
        start = line
        line += block.count("\n") + 2
        rows = [r for r in block.splitlines() if not r.startswith("#")]
        if not rows:
            continue
        byline, title, authors = rows[0], rows[1].removeprefix("title: "), rows[2].removeprefix("authors: ")
        yield pytest.param(byline, title, tuple(authors.split("; ")), "uncertain" in rows, id=f"bylines.txt:{start}")


def _seed_splits():
    for row in (FIXTURES / "seed_splits.tsv").read_text(encoding="utf-8").splitlines():
        if not row.startswith("#"):
            line, title, authors = row.split("\t")
            yield pytest.param(int(line), title, tuple(authors.split("; ")), id=f"seed:{line}")


def _split(byline: str, known=frozenset()):
    et_al = False
    if match := ET_AL.match(byline):
        byline, et_al = match["rest"], True
    return split_byline(byline, et_al, known)


@pytest.mark.parametrize(("byline", "title", "authors", "uncertain"), list(_hard_cases()))
def test_hard_cases(byline, title, authors, uncertain):
    split = _split(byline)
    assert split is not None
    assert (split.title, split.authors) == (title, authors)
    assert split.certain is not uncertain, split.reason


def test_fixture_file_has_many_cases():
    assert len(list(_hard_cases())) >= 25


@pytest.mark.parametrize(("line", "title", "authors"), list(_seed_splits()))
def test_every_seed_entry_splits_exactly_and_surely(seed_entries, line, title, authors):
    entry = seed_entries[line]
    split = split_byline(entry.byline, entry.et_al)
    assert split is not None
    assert (split.title, split.authors, split.certain) == (title, authors, True)


def test_known_names_settle_an_uncertain_split():
    byline = "Running Llama on an iMacKenzie Smith"
    assert not _split(byline).certain
    surely = _split(byline, frozenset({fold("MacKenzie Smith")}))
    assert surely.certain and surely.authors == ("MacKenzie Smith",)


@pytest.mark.parametrize(
    ("byline", "title", "authors"),
    [
        (
            "BLOOM: A 176B-Parameter Open-Access Multilingual Language ModelBigScience Workshop",
            "BLOOM: A 176B-Parameter Open-Access Multilingual Language Model",
            ("BigScience Workshop",),
        ),
        (
            "Open Models for ScienceEleutherAI Research, Stella Biderman",
            "Open Models for Science",
            ("EleutherAI Research", "Stella Biderman"),
        ),
    ],
)
def test_an_organisation_written_as_one_word_is_never_cut_inside_it_surely(byline, title, authors):
    split = _split(byline)
    assert (split.title, split.authors, split.certain) == (title, authors, False)
    assert "is an organisation, whose name may start in the title's last word" in split.reason


def test_an_organisation_after_a_plain_title_word_stays_sure():
    split = _split("Scaling Laws for RecommendersGoogle Research")
    assert (split.title, split.authors, split.certain) == ("Scaling Laws for Recommenders", ("Google Research",), True)


def test_names_in_capitals_after_an_acronym_are_never_split_surely():
    # `MRI` and `DUPONT` run together: no place to cut shows, whichever is taken
    assert not _split("Segmentation of MRIDUPONT Jean, MARTIN Claire").certain
    assert not _split("Segmentation of MRIJ Smith, M Jones").certain  # `MRI|J` or `MRIJ`


def test_a_name_known_from_elsewhere_settles_a_cut_no_capital_shows():
    byline = "高效视觉模型的研究王芳, 陈晨"
    guess = _split(byline)
    assert not guess.certain and "script" in guess.reason
    surely = _split(byline, frozenset({fold("王芳")}))
    assert surely.certain and (surely.title, surely.authors) == ("高效视觉模型的研究", ("王芳", "陈晨"))


@pytest.mark.parametrize(
    ("byline", "title", "authors"),
    [
        ("A Study of ThingsAnn Lee, Bo Chen and Cy Wu", "A Study of Things", ("Ann Lee", "Bo Chen", "Cy Wu")),
        ("A Study of ThingsAnn Lee, Bo Chen, and Cy Wu", "A Study of Things", ("Ann Lee", "Bo Chen", "Cy Wu")),
        ("Another StudyAnn Lee and Bo Chen", "Another Study", ("Ann Lee", "Bo Chen")),
        ("Third StudyAnn Lee & Zoë LeCun", "Third Study", ("Ann Lee", "Zoë LeCun")),
        ("Cats and DogsAnn Lee", "Cats and Dogs", ("Ann Lee",)),  # an `and` of the title
    ],
)
def test_other_exporters_join_the_last_author_with_and(byline, title, authors):
    split = _split(byline)
    assert (split.title, split.authors) == (title, authors)
    assert split.certain, split.reason


def test_no_author_gives_none():
    assert _split("a title with no names at all") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Han Cai", True),
        ("Geoffrey E. Hinton", True),
        ("Ming-Wei Chang", True),
        ("Yann LeCun", True),
        ("Maarten de Jong", True),
        ("Sébastien Bubeck", True),
        ("Aditi", True),
        ("AI", False),
        ("and Applications", False),
        ("de", False),
        ("Han  Cai", False),
        ("J.", False),
    ],
)
def test_name_shapes(text, expected):
    assert is_name(text) is expected


def test_fold_ignores_accents_dots_and_case():
    assert fold("Sébastien  BUBECK") == fold("sebastien bubeck")
    assert fold("G. E. Hinton") == fold("G E Hinton")
    # letters that are not a letter and an accent, as ASCII databases write them
    assert fold("Radosław Miśkiewicz") == fold("RADOSLAW MISKIEWICZ") == "radoslaw miskiewicz"
    assert fold("Jens Jørgen Mortensen") == fold("Jens Jorgen Mortensen")
    assert fold("Strauß") == fold("Strauss") and fold("Đorđe Ðukić") == "dorde dukic"


@pytest.fixture(scope="module")
def seed_entries():
    from conftest import SEED_LISTING

    from site_builder.errors import Problems
    from site_builder.importing.listing import parse_listing

    problems = Problems()
    entries = parse_listing(SEED_LISTING.read_text(encoding="utf-8"), problems, "listing.txt")
    assert not problems.items
    return {entry.line: entry for entry in entries}


def test_a_plain_name_is_slugged_as_slugify_would(tmp_path):
    """`name_slug` slugs plain ASCII names itself; what it makes must be slugify's."""
    import random
    import sys

    from slugify import slugify

    from site_builder.text.names import NAME_SLUG_MAX, name_slug

    sys.path.insert(0, str(REPO / "benchmarks"))
    from synth import _author_pool

    names = [
        *_author_pool(2000, random.Random(7)),
        "Han Cai", "Jean-Pierre Dupont", "A - B", "  spaced   out ", "a--b", "-x-", "-", "123", "MIT HAN Lab", "x" * NAME_SLUG_MAX,
        "word " * 16, "TinyML and On-Device AI", "Quantization", "Distributed, Parallel, and Cluster Computing",
        "A. B. Smith", "St. John", "end.", ",lead", "x.y", "1,000 Layers", "GPT-3.5", "v1.5 b", "a,1", "2.x", "3,4", "b2, c", "1,2,3", "J.R.R. Tolkien",
    ]  # fmt: skip
    plain = [name for name in names if re.fullmatch(r"[A-Za-z0-9 ,.-]+", name) and len(name) <= NAME_SLUG_MAX]
    assert len(plain) > 1000
    for name in plain:
        expected = slugify(name, max_length=NAME_SLUG_MAX, word_boundary=True, save_order=True) or "x"
        assert name_slug(name) == expected, name


@pytest.mark.parametrize(
    ("byline", "title", "first_author"),
    [
        ("Technical ReportOpenAI", "Technical Report", "OpenAI"),
        ("Scaling Laws for LLMsNVIDIA", "Scaling Laws for LLMs", "NVIDIA"),
        # an acronym ends the title, a word starts the author
        ("Federated Learning for IoTGoogle", "Federated Learning for IoT", "Google"),
        ("Sandboxing Apps on macOSApple Inc.", "Sandboxing Apps on macOS", "Apple Inc."),
        ("Mapping with LiDARWaymo", "Mapping with LiDAR", "Waymo"),
        # a unit whose last letter is a capital stays in the title
        ("Dark Photons at 13 TeVATLAS Collaboration", "Dark Photons at 13 TeV", "ATLAS Collaboration"),
        ("Resonances near 3 MeVLHCb Collaboration", "Resonances near 3 MeV", "LHCb Collaboration"),
        ("A Buffer at pH 7 Without pHIBM", "A Buffer at pH 7 Without pH", "IBM"),
    ],
)
def test_best_guess_of_an_author_of_no_usual_shape(byline, title, first_author):
    split = best_guess_split(byline, False)
    assert (split.title, split.authors[0], split.certain) == (title, first_author, False)


def test_best_guess_takes_a_name_the_site_knows_and_is_sure_of_it():
    split = best_guess_split("Dark Photons at 13 TeVATLAS Collaboration", False, frozenset({"atlas collaboration"}))
    assert (split.title, split.authors, split.certain) == ("Dark Photons at 13 TeV", ("ATLAS Collaboration",), True)
    # a known name alone is not enough when `et al.` says three were shown and fewer are
    split = best_guess_split("Dark Photons at 13 TeVATLAS Collaboration", True, frozenset({"atlas collaboration"}))
    assert not split.certain


@pytest.mark.parametrize(
    ("byline", "known", "first_author"),
    [
        # a known name is found only where an author can start: at a capital, not inside a word
        ("Robust? coliKaiming Müller, Ng Müller", "ng muller", "Kaiming Müller"),
        ("Splatting via C#A. A. Berg, A. Berg", "a berg", "A. A. Berg"),
    ],
)
def test_a_known_name_inside_another_is_no_place_to_start(byline, known, first_author):
    split = best_guess_split(byline, False, frozenset({known}))
    assert (split.authors[0], split.certain) == (first_author, False)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("ATLAS", "ATLAS Collaboration"),
        ("ATLAS, CMS", "ATLAS and CMS Collaborations"),
        ("LHCb and ALICE", "LHCb and ALICE Collaborations"),
        ("LIGO Scientific Collaboration", "LIGO Scientific Collaboration"),
        ("1000 Genomes Project Consortium", "1000 Genomes Project Consortium"),
        ("Event Horizon Telescope Team", "Event Horizon Telescope Team"),
    ],
)
def test_a_collaboration_is_named_as_its_readers_name_it(written, shown):
    assert collaboration_name(written) == shown
