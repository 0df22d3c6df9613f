"""Entries -> papers: dates, slugs, links, topics, warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.errors import Problems
from site_builder.importing.listing import Entry, parse_listing
from site_builder.importing.normalize import assign_topics, base_slug, normalize_entries, resolve_date
from site_builder.site.model import Author, Topic
from site_builder.source.registry import Registry

AS_OF = dt.date(2026, 11, 27)


def entry(month: int, day: int, year: int | None) -> Entry:
    return Entry(1, "CV", month, day, year, False, "TitleAlice Smith", False, "", "Abstract.")


@pytest.mark.parametrize(
    ("month", "day", "year", "as_of", "expected"),
    [
        (5, 3, 2022, AS_OF, dt.date(2022, 5, 3)),
        (6, 1, None, AS_OF, dt.date(2026, 6, 1)),
        (11, 27, None, AS_OF, dt.date(2026, 11, 27)),
        (12, 1, None, AS_OF, dt.date(2025, 12, 1)),  # never after the export date
        (2, 29, None, dt.date(2024, 3, 1), dt.date(2024, 2, 29)),
        (2, 29, None, dt.date(2026, 3, 1), dt.date(2024, 2, 29)),  # latest year that has it
        (2, 29, 2024, AS_OF, dt.date(2024, 2, 29)),
    ],
)
def test_dates(month, day, year, as_of, expected):
    assert resolve_date(entry(month, day, year), as_of) == expected


@pytest.mark.parametrize(
    ("month", "day", "year", "message"),
    [
        (2, 29, 2023, "February 29, 2023 is not a date (2023 is not a leap year)"),
        (4, 31, 2020, "April 31, 2020 is not a date"),
        (2, 30, None, "February 30 is not a date"),
    ],
)
def test_impossible_dates(month, day, year, message):
    assert resolve_date(entry(month, day, year), AS_OF) == message


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction", "efficientvit"),
        ("SANA 1.5: Efficient Scaling of Training-Time", "sana-1-5"),
        ("Network Augmentation for Tiny Deep Learning", "network-augmentation-for-tiny-deep-learning"),
        (
            "Real-Time Bidding by Reinforcement Learning in Display Advertising",
            "real-time-bidding-by-reinforcement-learning-in-display",
        ),
        ("Über Café: Ärger", "uber-cafe"),
        ("Editorial: ``High-Entropy Materials''", "editorial-high-entropy-materials"),
        ("Invited Talk: Efficient AI", "invited-talk-efficient-ai"),
        ("Erratum: SANA", "erratum-sana"),
        ("Survey Paper on X: Y", "survey-paper-on-x"),
    ],
)
def test_slugs(title, slug):
    assert base_slug(title) == slug


def test_topics_match_whole_words_and_plurals_only():
    topics = (Topic("Quantization", "quantization", keywords=("quantization",)), Topic("LLMs", "llms", keywords=("LLM",)))
    assert assign_topics("Fast LLMs", "We study quantization.", topics) == ("Quantization", "LLMs")
    assert assign_topics("Title", "non-LLM-based methods and dequantizations", topics) == ()


def _papers(text: str):
    problems = Problems()
    entries = parse_listing(text, problems, "listing.txt")
    return normalize_entries(entries, Registry(), AS_OF, problems, "listing.txt"), [str(p) for p in problems.items]


def test_links_from_the_abstract():
    abstract = (
        "See https://openmdw.ai/license/1-1/ License at https://github.com/nvidia/cosmos}{github.com/nvidia/cosmos and "
        "https://huggingface.co/collections/nvidia/cosmos3 . The project website is available at "
        "https://research.nvidia.com/labs/cosmos-lab/cosmos3 . Code: https://github.com/dc-ai-projects/DC-Gen/tree/main."
    )
    (paper,), problems = _papers(f"CVJun 1Code\nCosmos 3: World Models for Physical AIAditi, Niket Agarwal\n{abstract}\n")
    assert problems == []
    assert paper.links == {
        "openmdw.ai": "https://openmdw.ai/license/1-1/",
        "code": "https://github.com/nvidia/cosmos",
        "huggingface": "https://huggingface.co/collections/nvidia/cosmos3",
        "project": "https://research.nvidia.com/labs/cosmos-lab/cosmos3",
        "code-2": "https://github.com/dc-ai-projects/DC-Gen",
    }
    assert (paper.title, paper.authors, paper.date, paper.code) == (
        "Cosmos 3: World Models for Physical AI",
        ("Aditi", "Niket Agarwal"),
        dt.date(2026, 6, 1),
        True,
    )


@pytest.mark.parametrize(
    ("written", "date", "precision", "guess"),
    [
        ("3 days ago", dt.date(2026, 11, 24), "day", False),
        ("yesterday", dt.date(2026, 11, 26), "day", False),
        ("2 hours ago", dt.date(2026, 11, 27), "day", False),
        ("5m ago", dt.date(2026, 11, 27), "day", False),  # minutes, as social sites write them
        ("2 weeks ago", dt.date(2026, 11, 13), "day", True),
        ("last month", dt.date(2026, 10, 1), "month", True),
        ("13 months ago", dt.date(2025, 10, 1), "month", True),
        ("2mo ago", dt.date(2026, 9, 1), "month", True),
        ("a year ago", dt.date(2025, 1, 1), "year", True),
    ],
)
def test_a_date_relative_to_the_export_is_counted_back_from_it(written, date, precision, guess):
    (paper,), problems = _papers(f"CV{written}\nA TitleAlice Smith\nAbstract.\n")
    assert (paper.date, paper.date_precision) == (date, precision)
    assert ("is a guess; set `date`" in paper.review) == guess
    assert problems == [
        f"listing.txt:1: warning: 1 date(s) are written relative to the day the listing was exported (`{written}`): counted back "
        "from 2026-11-27 (if the listing was exported on another day, import it again with `--as-of` that day)"
    ]


def test_stars_inside_an_abstract_s_words_are_kept_from_markdown():
    (paper,), _ = _papers("CVMay 3, 2022\nA TitleAlice Smith\nA 3*3 kernel, 5*5 pooling and x**2 with $a*b$.\n")
    assert paper.body == "A 3\\*3 kernel, 5\\*5 pooling and x\\*\\*2 with $a*b$."


def test_a_year_alone_is_the_date_at_the_year_s_precision():
    (paper,), problems = _papers("CV2019Code\nA TitleAlice Smith\nAbstract.\n")
    assert (paper.date, paper.date_precision, paper.code, paper.review, problems) == (dt.date(2019, 1, 1), "year", True, "", [])


def test_a_guessed_order_of_day_and_month_is_said_and_left_for_review():
    (paper,), problems = _papers("CV03/04/2022\nA TitleAlice Smith\nAbstract.\n")
    assert (paper.date, paper.date_precision) == (dt.date(2022, 3, 4), "day")
    assert paper.review == "the listing's `03/04/2022` is read month first (March 4); nothing in it shows the order"
    assert problems == [
        "listing.txt:1: warning: the listing's `03/04/2022` is read month first (March 4); nothing in it shows the order "
        "(if the day comes first, set the paper's `date`)"
    ]


def test_relative_dates_are_said_in_one_warning():
    (first, second, third), problems = _papers(
        "CV2 days ago\nA TitleAlice Smith\nAbstract.\nCV2026-11-01\nB TitleAlice Smith\nAbstract.\nLGyesterday\nC TitleBo Li\nIt.\n"
    )
    assert [first.date, second.date, third.date] == [dt.date(2026, 11, 25), dt.date(2026, 11, 1), dt.date(2026, 11, 26)]
    assert len(problems) == 1 and problems[0].startswith("listing.txt:1: warning: 2 date(s) are written relative")


def test_unknown_category_is_kept_with_a_warning():
    (paper,), problems = _papers("XYMay 3, 2022\nA TitleAlice Smith\nAbstract.\n")
    assert paper.category == "XY"
    assert problems == [
        "listing.txt:1: warning: unknown category code 'XY', kept as it is (add it to content/topics.yaml with `category:`)"
    ]


@pytest.mark.parametrize(
    ("code", "topic"),
    [
        ("CV", "Computer Vision and Pattern Recognition"),  # computer science's, not Complex Variables
        ("IV", "Image and Video Processing"),
        ("quant-ph", "Quantum Physics"),
        ("cmp-lg", "Computation and Language"),  # an old archive, merged into cs.CL
        ("q-bio", "Quantitative Biology"),  # an export that shows only the archive
        ("physics", "Physics"),
    ],
)
def test_a_category_is_a_topic_by_arxivs_name(code, topic):
    (paper,), problems = _papers(f"{code}May 3, 2022\nA TitleAlice Smith\nAbstract.\n")
    assert (Registry().category_topic(paper.category), problems) == (topic, [])


def test_no_author_is_a_best_guess_for_review_with_the_line():
    (paper,), problems = _papers("CVMay 3, 2022\nan all lower case title\nAbstract.\n")
    assert (paper.title, paper.authors) == ("an all lower case title", ())
    assert paper.review == "check the title and authors: no author names were found after the title: add them by hand"
    assert problems == [
        "listing.txt:2: warning: unsure where the title ends: took 'an all lower case title' by no authors; no author names were "
        "found after the title: add them by hand (check the title and authors in the paper's file, fix them if needed and delete "
        "its `review:` line)"
    ]


@pytest.mark.parametrize(
    ("byline", "title", "authors"),
    [
        ("GPT-4 Technical ReportOpenAI", "GPT-4 Technical Report", ("OpenAI",)),
        ("DeepSeek-V3 Technical ReportDeepSeek-AI, Aixin Liu", "DeepSeek-V3 Technical Report", ("DeepSeek-AI", "Aixin Liu")),
        ("Scaling Laws for LLMsNVIDIA Research, Bo Li", "Scaling Laws for LLMs", ("NVIDIA Research", "Bo Li")),
        # a title ending in a unit whose last letter is a capital keeps the unit
        ("Search for Dark Photons at 13 TeVATLAS Collaboration", "Search for Dark Photons at 13 TeV", ("ATLAS Collaboration",)),
        ("Jets at 7 TeVCMS Collaboration", "Jets at 7 TeV", ("CMS Collaboration",)),
        ("Noise Floors Below -90 dBIMEC", "Noise Floors Below -90 dB", ("IMEC",)),
        # a word in capitals glued to a group the title names: the group is cut off where its name starts
        (
            "A Higgs-like Boson with the ATLAS Detector at the LHCATLAS Collaboration",
            "A Higgs-like Boson with the ATLAS Detector at the LHC",
            ("ATLAS Collaboration",),
        ),
        ("Jets of the CMS Run 2 at the LHCCMS Collaboration, Bo Li", "Jets of the CMS Run 2 at the LHC", ("CMS Collaboration", "Bo Li")),
    ],
)
def test_names_of_no_usual_shape_are_a_best_guess(byline, title, authors):
    (paper,), _problems = _papers(f"CVMay 3, 2022\n{byline}\nAbstract.\n")
    assert (paper.title, paper.authors) == (title, authors)
    assert paper.review.startswith("check the title and authors")


@pytest.mark.parametrize(
    ("title", "author"),
    [("Learning TeV", "ATLAS Collaboration"), ("Learning IoT", "ATLAS Collaboration"), ("Learning LiDAR", "CMS Collaboration")],
)
def test_a_name_the_byline_repeats_is_cut_where_it_starts_after_a_unit_or_an_acronym(title, author):
    """Found by the property test below: `…TeVATLAS Collaboration, ATLAS Collaboration` was cut
    `Te|VATLAS` and sure of it, since the other author looked like a family name in capitals."""
    (paper,), _problems = _papers(f"CVMay 3, 2022\n{title}{author}, {author}\nAbstract.\n")
    assert (paper.title, paper.authors, paper.review) == (title, (author, author), "")


def test_a_group_in_capitals_is_no_sign_that_names_are_written_family_name_first():
    """`ZHANG Wei, LI Na` lets the first author start with capitals after the title's last small
    letter; `ATLAS Collaboration` does not: `…IoT|CMS` or `…Io|TCMS` is a guess then."""
    (paper,), _problems = _papers("CVMay 3, 2022\nLearning IoTCMS Collaboration, ATLAS Collaboration\nAbstract.\n")
    assert paper.review.startswith("check the title and authors")


def test_a_collaboration_the_registry_knows_is_the_author_without_review():
    problems = Problems()
    entries = parse_listing("hep-exMay 3, 2022\nSearch at 13 TeVATLAS Collaboration\nAbstract.\n", problems, "listing.txt")
    registry = Registry(authors=(Author("ATLAS Collaboration", "atlas"),))
    (paper,) = normalize_entries(entries, registry, AS_OF, problems, "listing.txt")
    assert (paper.title, paper.authors, paper.review) == ("Search at 13 TeV", ("ATLAS Collaboration",), "")
    assert problems.items == []


def test_uncertain_split_is_imported_with_a_warning_naming_the_line():
    (paper,), problems = _papers("CVMay 3, 2022\nRunning Llama on an iMacKenzie Smith\nAbstract.\n")
    assert paper.authors == ("Kenzie Smith",)
    assert problems[0].startswith("listing.txt:2: warning: unsure where the title ends: took 'Running Llama on an iMac' by Kenzie Smith")


def test_the_same_paper_twice_is_imported_once():
    text = "CVMay 3, 2022\nA TitleAlice Smith\nAbstract.\nCVMay 3, 2022\nA TitleAlice Smith\nAbstract.\n"
    papers, problems = _papers(text)
    assert len(papers) == 1
    assert problems == [
        "listing.txt:4: warning: the same paper as the entry on line 1: imported once (remove the duplicate from the listing)"
    ]


def test_two_papers_with_one_title_stay_two():
    text = "CVMay 3, 2012\nIntroductionAlice Smith\nA.\nCVMay 3, 2022\nIntroductionBob Lee\nB.\n"
    papers, problems = _papers(text)
    assert [(p.slug, p.authors) for p in papers] == [("introduction", ("Alice Smith",)), ("introduction-2022", ("Bob Lee",))]
    assert len({p.source_id for p in papers}) == 2 and problems == []


def test_same_slug_gets_the_year():
    text = "CVMay 3, 2022\nHAT: OneAlice Smith\nA.\nCVMay 3, 2020\nHAT: TwoAlice Smith\nB.\n"
    papers, _ = _papers(text)
    assert [p.slug for p in papers] == ["hat", "hat-2020"]


def test_marks_after_names_in_a_listing_are_recorded_not_kept_in_the_names():
    (marked, plain), problems = _papers(
        "CVMay 3, 2022\nEfficient ModelsAnn Lee*, Bo Li*, Cy Wu✉\nAbstract.\nCVMay 4, 2022\nLearning C# and F#Ann Lee, Bo Li\nAbstract.\n"
    )
    assert (marked.title, marked.authors) == ("Efficient Models", ("Ann Lee", "Bo Li", "Cy Wu"))
    assert (marked.equal_contribution, marked.corresponding, marked.review) == (("Ann Lee", "Bo Li"), ("Cy Wu",), "")
    assert (plain.title, plain.equal_contribution, plain.corresponding) == ("Learning C# and F#", (), ())  # C# is no mark
    assert problems == []


TITLE_WORDS = (
    "Learning Efficient Models for Vision with LLMs IoT GPUs at 13 TeV Deep Networks on macOS via Transformers: "
    "A Survey of 3D Gaussian Splatting NeRF CNN GPT-4 and the in Robust? Fast! (RL) C++ C# iOS LiDAR CO2 E. coli"
).split()
GIVEN = "Ann Bo Carlos Eva Li Jean-Pierre Zoë María José Yi Ng Kaiming J. A. B. Hyun-Woo".split()
ORGANISATIONS = ["OpenAI", "DeepSeek-AI", "ATLAS Collaboration", "CMS Collaboration", "NVIDIA", "NVIDIA Research"]
FAMILY = ["Lee", "Smith", "Müller", "van der Berg", "McDonald", "LeCun", "Wang", "O'Neil", "Fernández-López", "Ng", "He", "Nguyễn"]


@settings(max_examples=300, deadline=None)
@given(
    title=st.lists(st.sampled_from(TITLE_WORDS), min_size=2, max_size=10).map(" ".join),
    authors=st.lists(
        st.tuples(st.sampled_from(GIVEN), st.sampled_from(FAMILY)).map(" ".join) | st.sampled_from(ORGANISATIONS), min_size=1, max_size=5
    ),
    org=st.sampled_from(["", " · mit", " · ETH Zürich · Google"]),
)
def test_a_byline_is_never_cut_into_other_text_and_a_wrong_cut_is_flagged(title, authors, org):
    """Whatever the split, the title and the authors are the byline's text, nothing lost or made
    up; and a split that is not the true one says so in `review`."""
    (paper,), _ = _papers(f"CVMay 3, 2022\n{title}{', '.join(authors)}{org}\nAbstract.\n")
    byline = title + ", ".join(authors)
    assert byline in (paper.title + ", ".join(paper.authors), f"{paper.title} {', '.join(paper.authors)}")
    assert (paper.title, paper.authors) == (title, tuple(authors)) or paper.review
