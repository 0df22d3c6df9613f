"""Paper files: the front matter contract, round trips and validation messages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.errors import Problems
from site_builder.site.model import Paper
from site_builder.source.frontmatter import parse_paper, render_paper
from site_builder.text.latex import decode_characters

PAPER = Paper(
    slug="efficientvit",
    title="EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction",
    authors=("Han Cai", "Junyan Li", "Muyan Hu"),
    et_al=True,
    date=dt.date(2022, 5, 29),
    category="CV",
    links={"code": "https://github.com/mit-han-lab/efficientvit"},
    topics=("Vision Transformers",),
    body="We get 13.9$\\times$ lower latency.",
    source_id="listing:abc",
)


def parse(text: str, slug: str = "x"):
    problems = Problems()
    paper = parse_paper(text, "content/papers/x.md", slug, problems)
    return paper, [str(p) for p in problems.items]


def test_written_file_matches_the_contract():
    assert render_paper(PAPER) == (
        "---\n"
        "title: 'EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction'\n"
        "authors: [Han Cai, Junyan Li, Muyan Hu]\n"
        "et_al: true\n"
        "date: 2022-05-29\n"
        "category: CV\n"
        "code: false\n"
        "links: {code: 'https://github.com/mit-han-lab/efficientvit'}\n"
        "topics: [Vision Transformers]\n"
        "source_id: listing:abc\n"
        "---\n"
        "\n"
        "We get 13.9$\\times$ lower latency.\n"
    )


def test_round_trip():
    assert parse(render_paper(PAPER), "efficientvit") == (PAPER, [])


text_value = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40).map(str.strip)
name = text_value.filter(bool)
person = name.filter(lambda text: decode_characters(text) == text and "," not in text)
"""A name as a read leaves it: one written with LaTeX's letters (`\\=A`) is read as them, and
one written family name first (`Lee, Ann`) given name first, each said."""


@settings(max_examples=150, deadline=None)
@given(
    title=name,
    authors=st.lists(person, min_size=1, max_size=5),
    date=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    flags=st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()),
    org=text_value,
    topics=st.lists(name, max_size=3),
    links=st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
        st.from_regex(r"https://[a-z]{1,8}\.org/[a-z0-9/]{0,10}", fullmatch=True),
        max_size=3,
    ),
    body=text_value,
)
def test_read_of_write_is_identity(title, authors, date, flags, org, topics, links, body):
    paper = Paper(
        slug="p",
        title=title,
        authors=tuple(authors),
        date=date,
        category="CV",
        et_al=flags[0],
        code=flags[1],
        selected=flags[2],
        draft=flags[3],
        org=org,
        topics=tuple(topics),
        links=links,
        body=body,
    )
    assert parse(render_paper(paper), "p") == (paper, [])


def test_a_draft_says_so_first_and_hugo_s_draft_false_is_read():
    text = render_paper(dataclasses.replace(PAPER, draft=True))
    assert text.startswith("---\ndraft: true\ntitle: ")
    assert parse(text, "efficientvit")[0].draft is True
    written = "---\ntitle: T\nauthors: [A B]\ndate: 2020\ndraft: false\n---\n"
    paper, problems = parse(written)
    assert (paper.draft, problems) == (False, [])
    assert parse(written.replace("false", "maybe"))[1] == [
        "content/papers/x.md:5: error: `draft` must be true or false, not 'maybe' (write `draft: true` or `draft: false`)"
    ]


def test_every_problem_is_reported_with_its_line():
    text = "---\ntitle: A paper\nauthors: Han Cai\ndate: May 2022\ncode: yes please\ntitel: typo\nlinks: {code: 'javascript:alert(1)'}\n---\nBody\n"
    paper, problems = parse(text)
    assert paper is None
    assert problems == [
        "content/papers/x.md:3: error: `authors` must be a list of names, not the text 'Han Cai' (write `authors: [Han Cai]`)",
        "content/papers/x.md:4: error: `date` 'May 2022' is not a date (write `date: 2022-05`)",
        "content/papers/x.md:5: error: `code` must be true or false, not 'yes please' (write `code: true` or `code: false`)",
        "content/papers/x.md:6: error: unknown key `titel` (did you mean `title`?)",
        "content/papers/x.md:7: error: link `code` is not an http(s), mailto or relative URL (only web links are allowed)",
    ]


def test_missing_fields():
    _, problems = parse("---\ncategory: CV\n---\n")
    assert problems == [
        "content/papers/x.md:2: error: missing `title` (add a line `title: ...` to the front matter)",
        "content/papers/x.md:2: error: missing `authors` (add a line `authors: ...` to the front matter)",
        "content/papers/x.md:2: error: missing `date` (add a line `date: ...` to the front matter)",
    ]


def test_an_empty_required_field_is_said_at_its_line_as_empty_not_missing():
    _, problems = parse("---\ntitle: ''\nauthors: []\ndate:\ncategory: CV\n---\n")
    assert problems == [
        "content/papers/x.md:2: error: `title` is empty (write the paper's title: `title: Fast Models`)",
        "content/papers/x.md:3: error: `authors` is empty (write the paper's authors: `authors: [Ann Lee, Bo Kim]`)",
        "content/papers/x.md:4: error: `date` is empty (write the paper's date: `date: 2024-05-29`)",
    ]


def test_yaml_syntax_error_points_at_its_line():
    _, problems = parse("---\ntitle: A\nauthors: [Han Cai\ndate: 2022-01-01\n---\n")
    assert problems == [
        "content/papers/x.md:3: error: YAML syntax error: while parsing a flow sequence: did not find expected ',' or ']' "
        "(see also line 4) (end the list with `]` on the line it starts, its items separated by commas: `[First Name, Second Name]`)"
    ]


@pytest.mark.parametrize(
    ("authors", "line", "fix"),
    [
        ("authors: [Paul Erd\\H{o}s, Han Cai]", 3, "authors: [Paul Erdős, Han Cai]"),
        ('authors: ["Paul Erd\\H{o}s"]', 3, 'authors: ["Paul Erdős"]'),
        ("authors: [Paul {Erd\\H{o}s}]", 3, "authors: [Paul Erdős]"),
        ('authors:\n  - Han Cai\n  - {\\"O}zt\\"urk', 5, "- Öztürk"),
    ],
)
def test_a_name_copied_from_a_bib_file_is_a_yaml_error_whose_fix_is_the_letters(authors, line, fix):
    """YAML reads `{` as a mapping and `\\H` in double quotes as an escape: the error says which
    line to write instead, not to close a list."""
    _, problems = parse(f"---\ntitle: A\n{authors}\ndate: 2022-01-01\n---\n")
    assert len(problems) == 1 and problems[0].startswith(f"content/papers/x.md:{line}: error: YAML syntax error")
    assert problems[0].endswith(f"write the letters themselves: `{fix}`)")


def test_names_written_with_latex_in_valid_yaml_are_their_letters_and_said():
    """`- Paul Erd\\H{o}s` is valid YAML: the pages show the letters, and the same person written
    `Erdős` in another paper is one author, marks included."""
    text = "---\ntitle: A\nauthors:\n  - Paul Erd\\H{o}s\n  - J. Doe\nequal_contribution: ['Paul Erd\\H{o}s']\ndate: 2022\n---\n"
    paper, problems = parse(text)
    assert (paper.authors, paper.equal_contribution) == (("Paul Erdős", "J. Doe"), ("Paul Erdős",))
    assert problems == [
        "content/papers/x.md:3: warning: `Paul Erd\\H{o}s`: read as written with LaTeX's letters "
        "(write the letters: `authors: [Paul Erdős, J. Doe]`)",
        "content/papers/x.md:6: warning: `Paul Erd\\H{o}s`: read as written with LaTeX's letters "
        "(write the letters: `equal_contribution: [Paul Erdős]`)",
    ]


def test_names_written_family_name_first_are_read_given_name_first_and_said():
    """`García Márquez, Gabriel`, as BibTeX writes names, was a person of its own, with a page of
    its own, and broke the BibTeX export (`Gabriel, {García Márquez,}`). A name in the order pages
    show it, with its suffix after a comma, and an organisation's name stay as written."""
    text = (
        "---\ntitle: A\nauthors: ['García Márquez, Gabriel', 'King, Jr., Martin Luther', 'Berg, Pieter, Jr.', "
        "'Martin Luther King, Jr.', 'University of California, Berkeley', Ann Lee]\n"
        "corresponding: ['García Márquez, Gabriel']\ndate: 2022\n---\n"
    )
    paper, problems = parse(text)
    assert paper.authors == (
        "Gabriel García Márquez", "Martin Luther King Jr.", "Pieter Berg Jr.", "Martin Luther King, Jr.",
        "University of California, Berkeley", "Ann Lee",
    )  # fmt: skip
    assert paper.corresponding == ("Gabriel García Márquez",)
    assert problems[0] == (
        "content/papers/x.md:3: warning: `García Márquez, Gabriel`, `King, Jr., Martin Luther`, `Berg, Pieter, Jr.`: "
        "read as written family name first, as BibTeX writes names (write it given name first: `authors: [Gabriel García "
        "Márquez, Martin Luther King Jr., Pieter Berg Jr., 'Martin Luther King, Jr.', 'University of California, Berkeley', "
        "Ann Lee]`)"
    )
    assert len(problems) == 2 and problems[1].startswith("content/papers/x.md:4: warning: `García Márquez, Gabriel`: read as")


def test_no_front_matter():
    _, problems = parse("Just text\n")
    assert problems == [
        "content/papers/x.md:1: error: no front matter found (the file must start with a line `---`, then YAML, then `---`)"
    ]


def test_unclosed_front_matter():
    _, problems = parse("---\ntitle: A\n")
    assert problems == ["content/papers/x.md:1: error: the front matter is not closed (add a line `---` after the YAML block)"]


@pytest.mark.parametrize(
    ("name", "fix"),
    [
        ("../Evil Name", "rename it `evil-name.md`: lower-case letters, digits and single hyphens"),
        ("Copy of hat (1)", "rename it `copy-of-hat-1.md`: lower-case letters, digits and single hyphens"),
        ("HAT_2021", "rename it `hat-2021.md`: lower-case letters, digits and single hyphens"),
        ("数据", "rename it `shu-ju.md`: lower-case letters, digits and single hyphens"),
        ("...", "use lower-case letters, digits and single hyphens, like `efficientvit.md`"),
    ],
)
def test_file_name_must_be_a_slug_and_is_answered_with_one(name, fix):
    _, problems = parse(render_paper(PAPER), slug=name)
    assert problems == [f"content/papers/x.md: error: file name {name!r} is not a valid slug ({fix})"]


@settings(max_examples=100, deadline=None)
@given(date=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)), precision=st.sampled_from(["year", "month", "day"]))
def test_dates_keep_their_precision_through_a_file(date, precision):
    first = dt.date(date.year, 1, 1) if precision == "year" else date.replace(day=1) if precision == "month" else date
    paper = Paper(slug="p", title="T", authors=("A B",), date=first, date_precision=precision, category="")
    assert parse(render_paper(paper), "p") == (paper, [])


def test_dates_as_people_write_them():
    front = "---\ntitle: T\nauthors: [A B]\ndate: {}\n---\n"
    assert parse(front.format("2019"))[0].date_precision == "year"
    assert parse(front.format("2019-06"))[0].date_precision == "month"
    for moment in ("2019-06-03T10:00:00Z", "2019-06-03 10:00", "'2019-06-03T23:30:00-05:00'", "2019-06-03t10:00:00.5+0200"):
        assert (parse(front.format(moment))[0].date, parse(front.format(moment))[0].date_precision) == (dt.date(2019, 6, 3), "day"), moment
    for wrong in ("2024-13-45", "2019-02-30", "'2019-6-'", "20190", "true"):
        paper, problems = parse(front.format(wrong))
        assert paper is None and problems[0].startswith("content/papers/x.md:4: error: `date`"), wrong


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("authors: Ann Lee, Bo Chen and Cy Wu", "write `authors: [Ann Lee, Bo Chen, Cy Wu]`"),
        ("authors: Lee, Ann and Chen, Bo", "write `authors: [Ann Lee, Bo Chen]`"),
        ("authors: Ann Lee & Bo Chen", "write `authors: [Ann Lee, Bo Chen]`"),
        ("authors: 12", "write `authors: [First Name, Second Name]`"),
        ("authors: [A B]\ntopics: Vision, NLP", "write `topics: [Vision, NLP]`"),  # topics are no people: no `Family, Given`
        ("authors: [A B]\ntopics: Vision; Robotics", "write `topics: [Vision, Robotics]`"),
    ],
)
def test_a_list_written_as_text_is_answered_with_the_list_to_write(written, fix):
    problems = parse(f"---\ntitle: T\n{written}\ndate: 2020\n---\n")[1]
    assert len(problems) == 1 and problems[0].endswith(f"({fix})")


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("3 March 2025", "2025-03-03"),
        ("Mar. 2025", "2025-03"),
        ("2025/03/04", "2025-03-04"),
        ("03/15/2025", "2025-03-15"),  # month first: 15 is no month
        ("15/03/2025", "2025-03-15"),
        ("15.03.2025", "2025-03-15"),  # dots: the day first
        ("04.03.2025", "2025-03-04"),
        ("07/07/2025", "2025-07-07"),
    ],
)
def test_a_date_in_words_is_answered_with_the_date_to_write(written, fix):
    problems = parse(f"---\ntitle: T\nauthors: [A B]\ndate: {written}\n---\n")[1]
    assert problems == [f"content/papers/x.md:4: error: `date` {written!r} is not a date (write `date: {fix}`)"]


def test_a_date_whose_order_cannot_be_told_is_answered_with_both_days():
    problems = parse("---\ntitle: T\nauthors: [A B]\ndate: 03/04/2025\n---\n")[1]
    assert problems == [
        "content/papers/x.md:4: error: `date` '03/04/2025' is not a date "
        "(write `date: 2025-03-04` (March 4) or `date: 2025-04-03` (April 3))"
    ]


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A\d{1,3}[/.-]\d{1,3}[/.-]\d{1,5}\Z") | st.text(max_size=20))
def test_any_date_text_is_answered_without_a_traceback(written):
    problems = parse(f"---\ntitle: T\nauthors: [A B]\ndate: {json.dumps(written, ensure_ascii=False)}\n---\n")[1]
    assert all(problem.startswith("content/papers/x.md:") for problem in problems)


def test_a_link_without_https_or_its_leading_slash_is_answered_with_the_address_to_write():
    """`github.com/x` and `static/pdf/x.pdf` are links to files beside the paper's page, which
    do not exist: the build warns with the address meant, and a name alone for `image` (a file
    beside the paper's file) is right."""
    paper, problems = parse(
        "---\ntitle: T\nauthors: [A B]\ndate: 2020\npdf: static/pdf/x.pdf\nimage: teaser.png\n"
        "links: {code: github.com/ann/x, page: www.lab.org, data: /static/d.zip, mail: 'mailto:a@b.org', site: 'https://x.org'}\n---\n"
    )
    assert paper is not None and paper.links["code"] == "github.com/ann/x"  # as written: a warning, not an error
    assert problems == [
        "content/papers/x.md:5: warning: `pdf` 'static/pdf/x.pdf' is relative to the page it is on, which has no such file "
        "beside it (write `pdf: /static/pdf/x.pdf`)",
        "content/papers/x.md:7: warning: link `code` 'github.com/ann/x' is a web address without `https://`, which the page "
        "would take as a file of the site (write `code: https://github.com/ann/x`)",
        "content/papers/x.md:7: warning: link `page` 'www.lab.org' is a web address without `https://`, which the page "
        "would take as a file of the site (write `page: https://www.lab.org`)",
    ]


def test_bibliographic_values_are_checked():
    front = "---\ntitle: T\nauthors: [A B]\ndate: 2020\n{}\n---\n"
    assert parse(front.format("doi: 92--101"))[1] == [
        "content/papers/x.md:5: error: `doi` '92--101' is not a DOI "
        "(a DOI looks like `10.1109/ICCV51070.2023.01587`, without `https://doi.org/`)"
    ]
    long_key = "k" * 5000
    problems = parse(front.format(f"bibtex_key: {long_key}"))[1]
    assert problems[0].startswith("content/papers/x.md:5: error: `bibtex_key` 'kkk") and "at most 100" in problems[0]
    assert parse(front.format("arxiv: not-an-id"))[1][0].startswith("content/papers/x.md:5: error: `arxiv` 'not-an-id'")
    # a DOI's or an arXiv id's other forms: the fix is the value to write
    assert parse(front.format("doi: https://doi.org/10.1000/XYZ123"))[1] == [
        "content/papers/x.md:5: error: `doi` 'https://doi.org/10.1000/XYZ123' is not a DOI (write `doi: 10.1000/XYZ123`)"
    ]
    assert parse(front.format("arxiv: arXiv:2101.00001v2"))[1] == [
        "content/papers/x.md:5: error: `arxiv` 'arXiv:2101.00001v2' is not an arXiv identifier "
        "(write `arxiv: '2101.00001'`, without `arXiv:` or a version)"
    ]
    assert parse(front.format("venue_year: soon"))[1][0].startswith("content/papers/x.md:5: error: `venue_year` must be a year")


def test_the_yaml_error_names_the_line_that_is_wrong():
    _paper, problems = parse("---\ntitle: T\nlinks:\n  code: https://x.org\n  bad: : y\ndate: 2020\n---\n")
    assert problems == [
        "content/papers/x.md:5: error: YAML syntax error: mapping values are not allowed in this context "
        '(a value with `: ` in it must be in quotes: `bad: ": y"`)'
    ]


@pytest.mark.parametrize(
    ("line", "at", "fix"),
    [
        ("title: EfficientViT: Fast", 2, 'a value with `: ` in it must be in quotes: `title: "EfficientViT: Fast"`'),
        ('title: He said "no": twice', 2, 'a value with `: ` in it must be in quotes: `title: "He said \\"no\\": twice"`'),
        ("title Cavity QED", 2, "this line has no `:` after its key: write `title: Cavity QED`"),
        ("title: T\n  venue: X", 3, "`venue:` is indented as if it belonged to the line before: start it where the other keys start"),
        ('title: "T', 2, "close the quote at the end of the value"),
        ("title: T\n\tvenue: X", 3, "indent with spaces, not tabs"),
        ("title: T\nauthors:\n\t- Ann Lee", 4, "indent with spaces, not tabs"),  # libyaml's message names no tab
    ],
)
def test_the_usual_yaml_slips_are_named_with_their_fix(line, at, fix):
    _paper, problems = parse(f"---\n{line}\nauthors: [A B]\ndate: 2020\n---\n")
    assert problems[0].startswith(f"content/papers/x.md:{at}: error: YAML syntax error: ") and problems[0].endswith(f"({fix})")


@pytest.mark.parametrize(
    ("items", "at"),
    [
        ("  - Ann Lee\n   - Bo Chen\n  - Cy Dee", 6),  # one space too many
        ("- Ann Lee\n  - Bo Chen", 6),  # indented as if nested
        ("  - Ann Lee\n  - Bo Chen\n\n      - Cy Dee", 8),
    ],
)
def test_a_list_item_indented_under_the_one_before_is_not_quietly_one_name(items, at):
    """YAML reads `- Ann Lee` and a further-indented `- Bo Chen` as one item, `Ann Lee - Bo Chen`:
    an author that does not exist, with a page of their own. Said at the line to fix."""
    _paper, problems = parse(f"---\ntitle: T\ndate: 2020\nauthors:\n{items}\n---\n")
    assert len(problems) == 1 and problems[0].startswith(
        f"content/papers/x.md:{at}: error: this list item is indented further than the one before it, so YAML reads the two as one: '"
    )
    assert problems[0].endswith("(start its `- ` where the item before it starts)")


@pytest.mark.parametrize(
    "front",
    [
        "authors:\n  - Ann Lee\n  - Bo Chen",
        "authors:\n- Ann Lee\n- Bo Chen\ntopics:\n  - A long topic name\n    that wraps - on purpose",
        "authors: [Ann Lee, Bo Chen]\nlinks:\n  code: https://x.org",
    ],
)
def test_list_items_as_yaml_means_them_are_no_problem(front):
    assert parse(f"---\ntitle: T\ndate: 2020\n{front}\n---\n")[1] == []


@pytest.mark.parametrize(
    ("key", "fix"),
    [
        ("tags: [x]", "a paper's subjects are its `topics: [Quantization, Efficient LLMs]`"),
        ("year: 2021", "the date is one key, as precise as you know it: `date: 2021`, `2021-05` or `2021-05-29`"),
        ("abstract: Text.", "the abstract is the text after the front matter's closing `---`"),
        ("journal: Nature", "where it appeared is `venue: ...`"),
        ("vnue: Nature", "did you mean `venue`?"),
        ("published: false", "`draft: true` leaves a paper out of the site until you delete the line"),
        ("publishDate: 2021-05-30", "a paper has one date: `date: 2021-05-29`"),
    ],
)
def test_keys_of_other_tools_are_told_ours(key, fix):
    _paper, problems = parse(f"---\ntitle: T\nauthors: [A B]\ndate: 2020\n{key}\n---\n")
    assert problems == [f"content/papers/x.md:5: error: unknown key `{key.split(':')[0]}` ({fix})"]
