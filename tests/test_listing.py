"""The listing's syntax: tolerant of line endings and whitespace, precise about what is wrong."""

from __future__ import annotations

import pytest
from conftest import SEED_LISTING

from site_builder.errors import Problems
from site_builder.importing.listing import parse_listing, read_listing_text

ENTRY = "CVMay 3, 2022Code\nLite Pose: Efficient Architecture DesignYihan Wang, Muyang Li, Han Cai et al. · mit\nPose estimation plays a role.\n"


def parse(text: str):
    problems = Problems()
    return parse_listing(text, problems, "listing.txt"), [str(p) for p in problems.items]


def test_seed_listing_has_47_entries():
    entries, problems = parse(SEED_LISTING.read_text(encoding="utf-8"))
    assert len(entries) == 47 and problems == []
    assert [e.line for e in entries[:3]] == [1, 4, 7]


def test_header_parts():
    (entry,), _ = parse(ENTRY)
    assert (entry.category, entry.month, entry.day, entry.year, entry.code) == ("CV", 5, 3, 2022, True)
    assert (entry.et_al, entry.org) == (True, "mit")
    assert entry.byline == "Lite Pose: Efficient Architecture DesignYihan Wang, Muyang Li, Han Cai"


def test_header_without_year_or_code():
    (entry,), _ = parse(ENTRY.replace("CVMay 3, 2022Code", "LGJun 1"))
    assert (entry.category, entry.month, entry.day, entry.year, entry.code) == ("LG", 6, 1, None, False)


@pytest.mark.parametrize(
    "variant",
    [
        ENTRY.replace("\n", "\r\n"),
        "\ufeff" + ENTRY,
        ENTRY.replace("\n", "   \n"),
        ENTRY.rstrip("\n"),
    ],
    ids=["crlf", "bom", "trailing-spaces", "no-final-newline"],
)
def test_harmless_variations_parse_the_same(variant):
    expected, _ = parse(ENTRY)
    assert parse(variant) == (expected, [])


def test_blank_lines_between_entries_are_skipped_and_lines_still_counted():
    (first, second), problems = parse("\n" + ENTRY + "\n" + ENTRY.replace("May 3", "May 4"))
    assert problems == []
    assert (first.line, second.line) == (2, 6)


def test_every_problem_is_reported_with_its_line():
    text = (
        ENTRY
        + "CVFoo 3, 2022\nA TitleAlice Smith\nAbstract.\n"  # line 4: unknown month
        + "not a header\n"  # line 7
        + "LGMay 2, 2021\nOnly a title lineAlice Smith\n"  # line 8: no abstract (imported)
        + "CVMay 4, 2020\n"  # line 10: missing everything
    )
    entries, problems = parse(text)
    assert [e.line for e in entries] == [1, 8] and entries[1].abstract == ""
    assert problems == [
        "listing.txt:4: error: unknown month 'Foo' (use an English month name such as May or Sep, or a number from 1 to 12)",
        "listing.txt:7: error: expected a category and date like `CVMay 3, 2022Code`, found `not a header` "
        "(each paper takes three lines: category+date, title+authors, abstract)",
        "listing.txt:8: warning: the entry has no abstract: imported without one (add it in the paper's file if it has one)",
        "listing.txt:10: error: the entry is missing its title/author line and abstract "
        "(each paper takes three lines: category+date, title+authors, abstract)",
    ]


def test_every_broken_header_is_reported_not_only_the_first():
    """After a line that is no header, the entry's two lines are passed and the next header is
    read: one broken export line after another is each reported."""
    text = "CV12 03 2024Code\nA PaperAnn Lee\nIt.\nLGsoon\nB PaperAnn Lee\nIt.\n" + ENTRY
    entries, problems = parse(text)
    assert [e.line for e in entries] == [7]
    assert [p.split(": error: ")[0] for p in problems] == ["listing.txt:1", "listing.txt:4"]


@pytest.mark.parametrize("after", ["", "\n", "\n\n", "CVMay 4, 2020\nNext PaperBo Li\nIts abstract.\n"])
def test_an_entry_without_an_abstract_is_imported_without_one(after):
    entries, problems = parse("LGMay 2, 2021\nOnly a TitleAlice Smith\n" + after)
    assert (entries[0].byline, entries[0].abstract) == ("Only a TitleAlice Smith", "")
    assert problems == [
        "listing.txt:1: warning: the entry has no abstract: imported without one (add it in the paper's file if it has one)"
    ]
    assert [e.abstract for e in entries[1:]] == (["Its abstract."] if after.startswith("CV") else [])


NEXT = "LGMay 4, 2020\nNext PaperBo Li\nIts abstract.\n"


@pytest.mark.parametrize(
    ("abstract", "kept"),
    [
        ("Pose estimation plays\na role in vision\napplications.", "Pose estimation plays a role in vision applications."),
        ("Pose estimation plays a role.\n\nWe propose Lite Pose.", "Pose estimation plays a role.\n\nWe propose Lite Pose."),
        ("We study poses.\nWe propose Lite Pose (see https://x.org).", "We study poses. We propose Lite Pose (see https://x.org)."),
        ("A multi-\nmodal model of\nposes.", "A multi-modal model of poses."),
    ],
    ids=["wrapped", "paragraphs", "sentence-per-line", "hyphenated"],
)
def test_an_abstract_over_several_lines_is_one_abstract(abstract, kept):
    """A listing copied from a page or an e-mail wraps long abstracts or keeps their paragraphs:
    the lines up to the next entry are its abstract, and the import says so."""
    (entry, following), problems = parse(f"CVMay 3, 2022\nLite PoseYihan Wang\n{abstract}\n\n{NEXT}")
    assert (entry.abstract, following.byline, following.abstract) == (kept, "Next PaperBo Li", "Its abstract.")
    more = abstract.count("\n") - abstract.count("\n\n")
    assert problems == [
        f"listing.txt:3: warning: the abstract goes on over {more} more line(s) before the next entry: taken as part of it "
        "(check the abstract in the paper's file)"
    ]


@pytest.mark.parametrize(
    "lines",
    [
        "GPT-4 Technical ReportOpenAI\nWe study GPT-4.",  # a header missing: its title and authors line
        "BERTJacob Devlin, Ming-Wei Chang, Kenton Lee et al.\nWe study BERT.",
        "Machine LearningJun 20, 2022\nBERTJacob Devlin\nWe study BERT.",  # a header mangled
    ],
)
def test_an_entry_that_lost_its_header_is_never_taken_for_more_abstract(lines):
    """Taking it in would make two papers one: the line is reported, the entries around it kept."""
    entries, problems = parse(f"CVMay 3, 2022\nLite PoseYihan Wang\nPose estimation plays a role.\n{lines}\n{NEXT}")
    assert [e.abstract for e in entries] == ["Pose estimation plays a role.", "Its abstract."]
    assert len(problems) == 1 and problems[0].startswith("listing.txt:4: error: expected a category and date like")


@pytest.mark.parametrize(
    ("byline", "rest", "org"),
    [
        ("A TitleAnn Lee, Bo Li · ETH Zürich · Google", "A TitleAnn Lee, Bo Li", "ETH Zürich · Google"),
        ("A TitleAnn Lee, Bo Li, Cy Wu et al. · mit · nvidia", "A TitleAnn Lee, Bo Li, Cy Wu", "mit · nvidia"),
        ("Foo · Bar: A TitleAnn Lee, Bo Li, Cy Wu et al. · mit", "Foo · Bar: A TitleAnn Lee, Bo Li, Cy Wu", "mit"),
        ("A TitleAnn Lee · mit", "A TitleAnn Lee", "mit"),
        ("A TitleAnn Lee", "A TitleAnn Lee", ""),
    ],
)
def test_the_org_is_what_follows_the_authors(byline, rest, org):
    (entry,), problems = parse(f"CVMay 3, 2022\n{byline}\nAbstract.\n")
    assert (entry.byline, entry.org, problems) == (rest, org, [])


@pytest.mark.parametrize("words", ["et al.", "et al", "et. al.", "and others", "& others"])
def test_a_shortened_author_list_is_said_the_ways_exports_say_it(words):
    (entry,), problems = parse(f"CVMay 3, 2022\nA TitleAnn Lee, Bo Li, Cy Wu {words} · mit · nvidia\nAbstract.\n")
    assert (entry.byline, entry.et_al, entry.org, problems) == ("A TitleAnn Lee, Bo Li, Cy Wu", True, "mit · nvidia", [])


def test_empty_listing(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text("  \n\n", encoding="utf-8")
    problems = Problems()
    assert read_listing_text(path, problems, "listing.txt") is None
    assert [str(p) for p in problems.items] == ["listing.txt: error: the listing is empty (export the publication list again)"]


def test_a_listing_notepad_saved_as_ansi_is_read_as_windows_1252_and_said(tmp_path):
    """Notepad saved "ANSI" (Windows-1252) by default for years: a pasted listing with a Müller
    is read, with a warning naming the first line that was not UTF-8."""
    path = tmp_path / "listing.txt"
    path.write_bytes(ENTRY.encode() + "CVMay 3, 2022\nCaf\xe9 \x93Na\xefve\x94 ModelsJ\xfcrgen M\xfcller\nAbstract.\n".encode("latin-1"))
    problems = Problems()
    text = read_listing_text(path, problems, "listing.txt")
    assert [str(p) for p in problems.items] == [
        "listing.txt:5: warning: not UTF-8 text: read as Windows-1252 (cp1252) "
        "(check the accented names of the imported papers, or re-save the listing as UTF-8 and import again)"
    ]
    (_, entry), _ = parse(text)
    assert entry.byline == "Café “Naïve” ModelsJürgen Müller"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c"], ids=["line-sep", "para-sep", "nel", "form-feed"])
def test_a_line_break_an_editor_does_not_show_is_a_space_and_lines_count_as_the_editor_does(tmp_path, separator):
    """A line separator copied from a web page into an abstract ended a line for the reader: the
    abstract was joined with a warning, and every later line number was one more than the
    editor's."""
    path = tmp_path / "listing.txt"
    path.write_text(
        ENTRY.replace("plays a role.", f"plays a role.{separator}It is fast.") + "CVFoo 3, 2022\nA TitleAlice Smith\nAbstract.\n",
        encoding="utf-8",
    )
    problems = Problems()
    entries, said = parse(read_listing_text(path, problems, "listing.txt"))
    assert entries[0].abstract == "Pose estimation plays a role. It is fast."
    assert said == ["listing.txt:4: error: unknown month 'Foo' (use an English month name such as May or Sep, or a number from 1 to 12)"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_listing_windows_saved_as_utf16_is_read(tmp_path, encoding):
    """Notepad's "Unicode" and PowerShell's `>` write UTF-16 with a byte-order mark: its NUL
    bytes are no sign of a binary file."""
    path = tmp_path / "listing.txt"
    text = ENTRY + "Café\n"
    path.write_bytes(text.encode("utf-16") if encoding == "utf-16" else ("\ufeff" + text).encode("utf-16-be"))
    problems = Problems()
    assert read_listing_text(path, problems, "listing.txt") == ENTRY + "Café\n"
    assert problems.items == []


def test_binary_file(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    problems = Problems()
    assert read_listing_text(path, problems, "listing.txt") is None
    assert "binary file" in str(problems.items[0])


def test_a_one_megabyte_line_is_reported_not_parsed():
    entries, problems = parse(ENTRY + "x" * 1_000_000 + "\n")
    assert len(entries) == 1
    assert problems == ["listing.txt:4: error: line is 1,000,000 characters long (this does not look like a listing)"]


@pytest.mark.parametrize(
    ("header", "parts"),
    [
        ("CV May 3, 2022Code", ("CV", 5, 3, 2022, True)),  # a space after the category
        ("CVMay 3 2022", ("CV", 5, 3, 2022, False)),  # no comma before the year
        ("CVMay 2022", ("CV", 5, None, 2022, False)),  # no day: the month is what is known
        ("CVMay 2022Code", ("CV", 5, None, 2022, True)),
        ("CVMay 3, 2022 Code", ("CV", 5, 3, 2022, True)),  # the flag after a space
        ("quant-phJan 2, 2020Code", ("quant-ph", 1, 2, 2020, True)),
        ("CV · May 3, 2022", ("CV", 5, 3, 2022, False)),  # a page's separator between the two
        ("cs.CV • May 3, 2022Code", ("cs.CV", 5, 3, 2022, True)),
        ("CV | 2022-05-03", ("CV", 5, 3, 2022, False)),
        ("CVMAY 3, 2022CODE", ("CV", 5, 3, 2022, True)),  # a page that sets its headers in capitals
        ("CS.CVSEPT 3, 2022", ("cs.CV", 9, 3, 2022, False)),
        ("HEP-THDEC 2021", ("hep-th", 12, None, 2021, False)),
    ],
)
def test_headers_other_exports_write_are_read(header, parts):
    (entry,), problems = parse(f"{header}\nA TitleAnn Lee\nAbstract.\n")
    assert ((entry.category, entry.month, entry.day, entry.year, entry.code), problems) == (parts, [])


@pytest.mark.parametrize(
    ("header", "parts"),
    [
        ("CV3 May 2022Code", ("CV", 5, 3, 2022, True, "")),  # the day first
        ("CV 03 Mar. 2024", ("CV", 3, 3, 2024, False, "")),
        ("CV2022-05-03Code", ("CV", 5, 3, 2022, True, "")),  # ISO
        ("cs.LG2022-5", ("cs.LG", 5, None, 2022, False, "")),
        ("CV3 days agoCode", ("CV", None, None, None, True, "3 days ago")),
        ("CV2 days ago Code", ("CV", None, None, None, True, "2 days ago")),  # a recent paper, as profiles show it
        ("LGyesterday", ("LG", None, None, None, False, "yesterday")),
        ("RO Just  now", ("RO", None, None, None, False, "Just now")),
        ("CL2h ago", ("CL", None, None, None, False, "2h ago")),
        ("CVan hour ago", ("CV", None, None, None, False, "an hour ago")),
        ("quant-ph2 weeks ago", ("quant-ph", None, None, None, False, "2 weeks ago")),
        ("5 days ago", ("", None, None, None, False, "5 days ago")),
        ("CVMay 3rd, 2022", ("CV", 5, 3, 2022, False, "")),  # the day's ordinal
        ("CV 21st of May 2022Code", ("CV", 5, 21, 2022, True, "")),
        ("CV2022/05/03", ("CV", 5, 3, 2022, False, "")),  # the year first, as East Asian dates write it
        ("LG2022.5.3Code", ("LG", 5, 3, 2022, True, "")),
        ("CV2019", ("CV", None, None, 2019, False, "")),  # the year alone, as profiles show old papers
        ("CV 2019 Code", ("CV", None, None, 2019, True, "")),
        ("physics.optics2019Code", ("physics.optics", None, None, 2019, True, "")),
    ],
)
def test_headers_with_dates_written_otherwise_are_read(header, parts):
    (entry,), problems = parse(f"{header}\nA TitleAnn Lee\nAbstract.\n")
    assert (entry.category, entry.month, entry.day, entry.year, entry.code, entry.ago) == parts
    assert all("no category code" in problem for problem in problems)


@pytest.mark.parametrize("line", ["Yesterday", "Today", "3 Foo 2022", "2022-13-01", "2019", "ICML 2024", "CVPR2023"])
def test_a_title_or_abstract_line_like_a_relative_date_or_a_bad_one_is_no_header_without_a_category(line):
    (entry,), _ = parse(f"CVMay 3, 2022\nA TitleAnn Lee\nWe study the data\n{line}\n")
    assert entry.abstract == f"We study the data {line}"


@pytest.mark.parametrize(
    ("headers", "dates_read"),
    [
        (["CV03/15/2022", "CV03/04/2022"], [(2022, 3, 15), (2022, 3, 4)]),  # 15 is no month: the month first
        (["CV15/03/2022Code", "CV03/04/2022"], [(2022, 3, 15), (2022, 4, 3)]),  # the day first
        (["LG07.08.2021", "CV03/04/2022"], [(2021, 8, 7), (2022, 4, 3)]),  # dots: the day first
        (["CV12/12/2022"], [(2022, 12, 12)]),
    ],
)
def test_dates_in_numbers_are_read_in_the_order_the_listing_shows(headers, dates_read):
    entries, problems = parse("".join(f"{header}\nA Title {n}Ann Lee\nAbstract.\n" for n, header in enumerate(headers)))
    assert [(e.year, e.month, e.day) for e in entries] == dates_read
    assert problems == [] and not any(e.date_note for e in entries)


def test_a_date_in_numbers_whose_order_nothing_shows_is_read_month_first_and_said():
    (entry,), problems = parse("CV03/04/2022\nA TitleAnn Lee\nAbstract.\n")
    assert (entry.month, entry.day) == (3, 4)
    assert entry.date_note == "the listing's `03/04/2022` is read month first (March 4); nothing in it shows the order"
    entries, problems = parse("CV13/13/2022\nA TitleAnn Lee\nAbstract.\n")
    assert entries == [] and problems == [
        "listing.txt:1: error: '13/13/2022' is not a date (write it as the profile does, like `May 3, 2022`)"
    ]


def test_a_month_numbered_past_twelve_is_reported():
    entries, problems = parse("CV2022-13-01\nA TitleAnn Lee\nAbstract.\n")
    assert entries == [] and problems == [
        "listing.txt:1: error: unknown month '13' (use an English month name such as May or Sep, or a number from 1 to 12)"
    ]


@pytest.mark.parametrize(("header", "parts"), [("May 3, 2022Code", ("", 5, 3, 2022, True)), ("Jun 2024", ("", 6, None, 2024, False))])
def test_a_paper_the_profile_files_under_no_category_is_read_without_one(header, parts):
    (entry,), problems = parse(f"{header}\nA TitleAnn Lee\nAbstract.\n")
    assert (entry.category, entry.month, entry.day, entry.year, entry.code) == parts
    assert problems == [
        "listing.txt:1: warning: no category code before the date: imported without one (add `category:` to the paper's file if it has)"
    ]


def test_letters_written_with_latex_in_a_byline_are_the_letters():
    (entry,), _ = parse("CVMay 3, 2022\nSchr\\\"odinger Bridges for Poincar\\'e MapsPaul Erd\\H{o}s, {\\O}ystein Ore\nAbstract.\n")
    assert entry.byline == "Schrödinger Bridges for Poincaré MapsPaul Erdős, Øystein Ore"


def test_a_byline_copied_from_a_web_page_reads_as_its_text():
    (entry,), problems = parse("CVMay 3, 2022\nR&amp;D for <i>Drosophila</i> Vision: It&#39;s $x&lt;y$Ann O&#39;Neil, Bo Chen\nAbstract.\n")
    assert (entry.byline, problems) == ("R&D for \\emph{Drosophila} Vision: It's $x<y$Ann O'Neil, Bo Chen", [])


@pytest.mark.parametrize("above", ["My Publications\n", "Exported 2026-12-01\n\nTotal: 2 papers\n"])
def test_a_heading_above_the_first_paper_is_answered_with_where_the_papers_start(above):
    entries, problems = parse(above + "CVMay 3, 2022\nA TitleAnn Lee\nAbstract.\n")
    first = above.count("\n") + 1
    assert len(entries) == 1 and problems
    assert all(
        p.endswith(f"(the first paper starts at line {first}: delete the lines above it, a heading or an export's note)") for p in problems
    )


@pytest.mark.parametrize("below", ["Load more\n", "\nShowing 2 of 47\nLoad more\n"])
def test_words_copied_below_the_last_paper_are_answered_with_where_it_starts(below):
    entries, problems = parse("CVMay 3, 2022\nA TitleAnn Lee\nAbstract.\nLGMay 4, 2022\nB TitleBo Li\nAbstract.\n" + below)
    assert len(entries) == 2 and len(problems) == 1
    assert problems[0].endswith("(the last paper starts at line 4: delete the lines after it, words copied from the page (`Load more`))")


@pytest.mark.parametrize("line", ["RESULTS MAY 2019", "ICML MAY 2024", "THE MAY 3 DRAFT"])
def test_a_line_in_capitals_is_no_header_without_an_arxiv_category(line):
    entries, problems = parse(f"CVMay 3, 2022\nA TitleAnn Lee\nWe study the data.\n{line}\nNo title here\nNor here\n")
    assert len(entries) == 1 and problems[0].startswith(
        f"listing.txt:4: error: expected a category and date like `CVMay 3, 2022Code`, found `{line}`"
    )


def test_a_line_of_an_abstract_that_ends_in_a_year_is_no_header_without_a_category():
    (entry,), _ = parse("CVMay 3, 2022\nA TitleAnn Lee\nWe study the data\nResults 2019\n")
    assert entry.abstract == "We study the data Results 2019"


@pytest.mark.parametrize("header", ["CVMay", "CVMayCode", "CV", "CV 22"])
def test_a_header_without_a_day_or_a_year_is_no_header(header):
    entries, problems = parse(f"{header}\nA TitleAnn Lee\nAbstract.\n")
    assert entries == [] and problems[0].startswith("listing.txt:1: error: expected a category and date")


def test_invisible_characters_a_copy_carries_are_dropped(tmp_path):
    """A zero-width space, a word joiner, a stray byte-order mark or a soft hyphen copied from a
    web page or a PDF would become part of a title or a name (its slug, its sort, its matching)."""
    path = tmp_path / "listing.txt"
    path.write_text("CVMay 3, 2022\n\u200bEffi\u00adcient\ufeff ModelsAnn\u2060 Lee, Bo Li\nAbstract.\n", encoding="utf-8")
    problems = Problems()
    (entry,), _ = parse(read_listing_text(path, problems, "listing.txt"))
    assert (entry.byline, problems.items) == ("Efficient ModelsAnn Lee, Bo Li", [])
