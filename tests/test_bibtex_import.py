"""Bring your own BibTeX: import .bib files, merge with the listing, round-trip our own export."""

from __future__ import annotations

import base64
import datetime as dt
import plistlib
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED_BIB, SEED_LISTING, bib_papers, build, copy_site, imported_site, nu_errors, picture
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.importing.bibabstract import abstract_from_bibtex
from site_builder.importing.bibimport import read_bibtex
from site_builder.importing.bibnames import parse_name, split_list
from site_builder.importing.bibtitle import without_cited_names
from site_builder.render.markup import plain_title, title_html
from site_builder.site.venues import is_conference
from site_builder.source.content import load_papers
from site_builder.source.registry import Registry
from site_builder.text.latex import decode_latex
from site_builder.text.links import paper_buttons


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def test_every_entry_is_imported_and_what_was_guessed_is_reported_with_its_line():
    problems = Problems()
    left_out: list[str] = []
    papers = read_bibtex(FIXTURES / "nasty.bib", Registry(), problems, "nasty.bib", left_out=left_out, as_of=dt.date(2026, 12, 6))
    assert problems.errors == []
    assert [str(p) for p in problems.warnings] == [
        "nasty.bib:45: warning: entry 'notitle': it has no `title`: its key 'notitle' was taken as the title"
        " (add `title = {...}` to the entry and import again, or set the paper's `title`)",
        "nasty.bib:50: warning: entry 'noyear': it has no `year`: the year of the import (2026) was taken"
        " (add `year = {...}` to the entry and import again, or set the paper's `date`)",
        "nasty.bib:55: warning: key 'smith2019math' is also used on line 15: this entry is imported with a new key (give each entry its own key)",
    ]
    assert left_out == []
    keys = ["mueller2020nested", "smith2019math", "nodate2021", "child2022", "notitle", "noyear", ""]
    assert [p.bibtex_key for p in papers] == keys
    untitled, undated = papers[4], papers[5]
    assert (untitled.title, untitled.date, untitled.authors) == ("notitle", dt.date(2020, 1, 1), ("A. Nobody",))
    assert untitled.review == "it has no `title`: its key 'notitle' was taken as the title"
    assert (undated.title, undated.date, undated.date_precision) == ("Timeless", dt.date(2026, 1, 1), "year")
    assert undated.review == "it has no `year`: the year of the import (2026) was taken"
    assert papers[-1].title == "A Duplicate Key" and "also used by another entry" in papers[-1].review


@pytest.mark.parametrize(
    ("fields", "date", "precision", "note"),
    [
        ("eprint = {2301.12345v2}, archiveprefix = {arXiv}", dt.date(2023, 1, 1), "month", "its arXiv id's month (2301.12345) was taken"),
        ("journal = {arXiv preprint hep-th/9901001}", dt.date(1999, 1, 1), "month", "its arXiv id's month (hep-th/9901001) was taken"),
        ("booktitle = {Proceedings of ICML 2024}", dt.date(2024, 1, 1), "year", "the year its `booktitle` names (2024) was taken"),
        ("note = {To appear in 2027}", dt.date(2027, 1, 1), "year", "the year its `note` names (2027) was taken"),
        ("note = {Volume 2099}", dt.date(2026, 1, 1), "year", "the year of the import (2026) was taken"),
        ("journal = {Nature}", dt.date(2026, 1, 1), "year", "the year of the import (2026) was taken"),
    ],
)
@pytest.mark.parametrize("year", ["", "year = {in press},", "year = {n.d.},"])
def test_an_entry_without_a_year_takes_the_best_guess_its_fields_allow(tmp_path, fields, date, precision, note, year):
    bib = tmp_path / "undated.bib"
    bib.write_text(f"@article{{lee, title = {{Undated Work}}, author = {{Lee, Ann}}, {year} {fields}}}\n", encoding="utf-8")
    problems = Problems()
    (paper,) = read_bibtex(bib, Registry(), problems, "undated.bib", as_of=dt.date(2026, 12, 6))
    reason = "no `year`" if not year else f"a `year` {year[8:-2]!r} that is not a year"
    assert (paper.date, paper.date_precision, paper.review) == (date, precision, f"it has {reason}: {note}")
    assert [str(w.location) for w in problems.warnings] == ["undated.bib:1"]


@pytest.mark.parametrize(
    ("month", "date", "precision"),
    [
        ("1-2", dt.date(2022, 1, 1), "month"),  # a bimonthly issue: its first month, never January 2nd
        ("11--12", dt.date(2022, 11, 1), "month"),
        ("3/4", dt.date(2022, 3, 1), "month"),
        ("jun # {~15}", dt.date(2022, 6, 15), "day"),  # a day beside the month stays one
        ("{June 3}", dt.date(2022, 6, 3), "day"),
    ],
)
def test_a_range_of_months_in_numbers_is_its_first_month(tmp_path, month, date, precision):
    value = month if "#" in month or month.startswith("{") else f"{{{month}}}"
    (paper,), problems = bib_papers(tmp_path, f"@article{{k, title={{T}}, author={{Lee, Ann}}, year={{2022}}, month={value}}}\n")
    assert (paper.date, paper.date_precision, problems.items) == (date, precision, [])


@pytest.mark.parametrize("written", ["2022-21", "2022-24", "2022-33", "2022-13"])
def test_a_biblatex_date_in_a_form_not_read_still_gives_its_year(tmp_path, written):
    """biblatex's dates may name a season (`2022-21`, spring) or be uncertain: such a `date` with
    no `year` beside it took the year of the import, as if the entry named none."""
    (paper,), problems = bib_papers(tmp_path, f"@article{{k, title={{T}}, author={{Lee, Ann}}, date={{{written}}}}}\n")
    assert (paper.date, paper.date_precision) == (dt.date(2022, 1, 1), "year")
    assert paper.review == f"it has a `date` {written!r} that is not a date: the year its `date` names (2022) was taken"
    assert [str(w.location) for w in problems.warnings] == ["test.bib:1"]


def test_an_undated_entry_keeps_its_paper_when_imported_again_later(tmp_path, capsys):
    """The guess is not part of the entry's identity: a re-import in another year updates the
    same paper (unless a person set its date, which then stays), and one with a year merges."""
    root = copy_site(tmp_path / "site", with_papers=False)
    bib = tmp_path / "lab.bib"
    bib.write_text("@article{lee, title = {Undated Work}, author = {Lee, Ann}, journal = {Nature}}\n", encoding="utf-8")
    assert run(root, "import", str(bib), "--as-of", "2025-03-01") == 0
    assert "1 added" in capsys.readouterr().out
    paper = root / "content/papers/undated-work.md"
    assert "date: 2025\n" in paper.read_text(encoding="utf-8")
    assert run(root, "import", str(bib), "--as-of", "2026-03-01") == 0
    assert "0 added, 1 updated" in capsys.readouterr().out
    assert "date: 2026\n" in paper.read_text(encoding="utf-8")
    paper.write_text(paper.read_text(encoding="utf-8").replace("date: 2026\n", "date: 2024-05\n"), encoding="utf-8")
    assert run(root, "import", str(bib), "--as-of", "2027-03-01") == 0
    assert "date: 2024-05\n" in paper.read_text(encoding="utf-8")
    bib.write_text("@article{lee, title = {Undated Work}, author = {Lee, Ann}, journal = {Nature}, year = 2024}\n", encoding="utf-8")
    capsys.readouterr()
    assert run(root, "import", str(bib)) == 0
    assert "0 added" in capsys.readouterr().out
    assert sorted(p.name for p in (root / "content/papers").glob("*.md")) == ["undated-work.md"]


def test_latex_names_titles_macros_and_crossrefs():
    problems = Problems()
    papers = {p.bibtex_key: p for p in read_bibtex(FIXTURES / "nasty.bib", Registry(), problems, "nasty.bib")}
    nested = papers["mueller2020nested"]
    assert nested.title == "The Best Nested Braces: öptimal Café Models – a & b"
    assert nested.authors == ("Jérôme Müller", "Pieter van der Berg", "Barnes and Noble") and nested.et_al
    assert (nested.venue, nested.date, nested.date_precision, nested.doi, nested.type) == (
        "Advances in Neural Information Processing Systems",
        dt.date(2020, 3, 1),
        "month",
        "10.1000/XYZ.123",
        "conference",
    )
    math = papers["smith2019math"]
    assert math.title == "Scaling to $N \\times K$ Experts with Ease"
    assert math.authors == ("John Smith Jr.", "Anna Lee")
    assert (math.date, math.arxiv, math.type, math.venue) == (dt.date(2019, 12, 1), "1912.01234", "journal", "Journal of Things")
    assert papers["nodate2021"].type == "preprint" and papers["nodate2021"].arxiv == "2101.00001"
    assert (papers["child2022"].venue, papers["child2022"].date) == ("Proceedings of the Conference", dt.date(2022, 7, 1))


def test_decoding_helpers():
    assert decode_latex(r"{\'e}t{\'e} \"{o} -- x~y \& $a_1$ \(b^2\)") == "été ö – x y & $a_1$ $b^2$"
    assert split_list("Lee, Bob and {World Health Organization} AND Cho, Ann and others") == (
        ["Lee, Bob", "{World Health Organization}", "Cho, Ann"],
        True,
    )
    assert parse_name("{World Health Organization}").display == "World Health Organization"
    assert parse_name("Shields, Jr., Charles O.").display == "Charles O. Shields Jr."
    assert parse_name("van der Berg, Pieter").display == "Pieter van der Berg"
    assert parse_name("Ludwig van Beethoven").display == "Ludwig van Beethoven"


def test_an_import_with_warnings_writes_and_a_file_it_cannot_read_writes_nothing(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    assert run(root, "import", str(FIXTURES / "nasty.bib")) == 0
    out, err = capsys.readouterr()
    assert "7 added" in out and "3 need a look" in out and "could not be imported" not in out
    assert "nasty.bib:45: warning: entry 'notitle': it has no `title`" in err
    assert run(root, "import", str(FIXTURES / "nasty.bib")) == 0
    assert "0 added, 0 updated, 7 unchanged" in capsys.readouterr().out
    text = (root / "content/papers/the-best-nested-braces.md").read_text(encoding="utf-8")
    assert "bibtex_key: mueller2020nested" in text and "type: conference" in text and "date: 2020-03\n" in text
    out = build(root)
    exported = (out / "papers/the-best-nested-braces/mueller2020nested.bib").read_text(encoding="utf-8")
    # `{B}est` and `{{Nested}}` keep their protective braces in the export
    assert "title = {The {B}est {{Nested}} Braces: {\\\"{o}ptimal} Caf{\\'e} Models -- a \\& b}" in exported
    paper = root / "content/papers/the-best-nested-braces.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("title: 'The Best", "title: 'The Very Best"), encoding="utf-8")
    edited = (build(root) / "papers/the-best-nested-braces/mueller2020nested.bib").read_text(encoding="utf-8")
    assert "title = {The Very Best Nested Braces" in edited  # a person's edit wins over the stale original

    unclosed = tmp_path / "unclosed.bib"
    unclosed.write_text("@article{a, title = {Open {brace, year = 2020,\n@article{b, title = {B}, author = {Lee, Bo}, year = 2021}\n")
    assert run(root, "import", str(unclosed)) == 0
    out, err = capsys.readouterr()
    assert "unclosed.bib:1: warning: this entry cannot be read and is left out" in err and "1 added" in out

    binary = tmp_path / "binary.bib"
    binary.write_bytes(b"@article{\0\0\0")
    before = sorted(p.name for p in (root / "content/papers").iterdir())
    assert run(root, "import", str(binary)) == 1
    assert "binary.bib: error: this is a binary file, not a .bib" in capsys.readouterr().err
    assert sorted(p.name for p in (root / "content/papers").iterdir()) == before


@pytest.mark.parametrize(
    ("title", "encoding", "declared", "how"),
    [
        ("Café Naïve", "latin-1", "", "1: warning: not UTF-8 text: read as Windows-1252 (cp1252)"),
        ("Café “Naïve”", "cp1252", "", "1: warning: not UTF-8 text: read as Windows-1252 (cp1252)"),
        ("Café € Naïve", "iso8859_15", "% Encoding: ISO8859_15\n", "2: warning: not UTF-8 text: read as it declares (ISO8859_15)"),
    ],
)
def test_a_bib_that_is_not_utf8_is_read_as_it_declares_or_as_windows_1252_and_says_so(tmp_path, title, encoding, declared, how):
    """Older JabRef and BibDesk files are Latin-1 or Windows-1252; JabRef names its encoding on
    the first line. The papers come in with their accents, and a warning says how it was read."""
    bib = tmp_path / "old.bib"
    bib.write_bytes(f"{declared}@article{{x, title = {{{title}}}, author = {{Müller, Jürgen}}, year = 2020}}\n".encode(encoding))
    problems = Problems()
    (paper,) = read_bibtex(bib, Registry(), problems, "old.bib")
    assert (paper.title, paper.authors) == (title, ("Jürgen Müller",))
    fix = "check the accented names of the imported papers, or re-save the file as UTF-8 and import again"
    assert [str(w) for w in problems.items] == [f"old.bib:{how} ({fix})"]


def test_a_bib_windows_saved_as_utf16_is_read(tmp_path):
    bib = tmp_path / "unicode.bib"
    bib.write_bytes("@article{x, title = {Café}, author = {Müller, Jürgen}, year = 2020}\n".encode("utf-16"))
    problems = Problems()
    (paper,) = read_bibtex(bib, Registry(), problems, "unicode.bib")
    assert (paper.title, paper.authors, problems.items) == ("Café", ("Jürgen Müller",), [])


def test_the_same_paper_from_a_listing_and_a_bib_is_one_paper(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    run(root, "import", str(SEED_LISTING), "--as-of", "2026-11-27")
    bib = tmp_path / "published.bib"
    bib.write_text(
        "@inproceedings{cai2023efficientvit,\n"
        "  title = {{EfficientViT}: Multi-Scale Linear Attention for High-Resolution Dense Prediction},\n"
        "  author = {Cai, Han and Li, Junyan and Hu, Muyan and Gan, Chuang and Han, Song},\n"
        "  booktitle = {ICCV}, year = {2023}, doi = {10.1109/ICCV51070.2023.01587}, eprint = {2205.14756}, archiveprefix = {arXiv}}\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run(root, "import", str(bib)) == 0
    assert "0 added" in capsys.readouterr().out
    assert len(list((root / "content/papers").glob("*.md"))) == 47
    paper = next(p for p in load_papers(root, Problems()) if p.slug == "efficientvit")
    assert (paper.venue, paper.doi, paper.arxiv, paper.date) == ("ICCV", "10.1109/ICCV51070.2023.01587", "2205.14756", dt.date(2022, 5, 29))
    assert paper.links["preprint"] == "https://arxiv.org/abs/2205.14756"
    assert paper.links["published"] == "https://doi.org/10.1109/ICCV51070.2023.01587"
    assert run(root, "import", str(bib)) == 0
    assert "1 unchanged" in capsys.readouterr().out


def test_a_longer_list_abridged_too_extends_the_listings_three_names(tmp_path, capsys):
    """The listing shows three names and `et al.`; Scholar's BibTeX of a large team shows ten and
    `and others`: the paper gets the ten, still abridged, and importing again changes nothing."""
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "listing.txt").write_text(
        "q-bio.BMJul 15, 2021\nHighly accurate protein structure prediction with AlphaFoldJohn Jumper, Richard Evans, "
        "Alexander Pritzel et al. · deepmind\nProteins are essential to life.\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(tmp_path / "listing.txt"), "--as-of", "2026-12-07") == 0
    names = "Jumper, John and Evans, Richard and Pritzel, Alexander and Green, Tim and Figurnov, Michael and Ronneberger, Olaf"
    (tmp_path / "scholar.bib").write_text(
        f"@article{{jumper2021highly, title={{Highly accurate protein structure prediction with {{AlphaFold}}}},\n"
        f"  author={{{names} and others}}, journal={{Nature}}, year={{2021}}, doi={{10.1038/s41586-021-03819-2}}}}\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(tmp_path / "scholar.bib")) == 0
    (paper,) = load_papers(root, Problems())
    assert (len(paper.authors), paper.authors[3], paper.et_al, paper.venue) == (6, "Tim Green", True, "Nature")
    capsys.readouterr()
    assert run(root, "import", str(tmp_path / "scholar.bib")) == 0
    assert "1 unchanged" in capsys.readouterr().out


def test_a_title_google_scholar_lowercased_takes_its_capitals_from_another_record_unless_edited(tmp_path):
    """Scholar's export writes `Mcunet: … on iot devices`; the listing (or a service, through
    `enrich`) has the authors' `MCUNet: … on IoT Devices`. A title nobody edited takes it; one a
    person rewrote by hand is theirs."""
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "scholar.bib").write_text(
        "@article{lin2020mcunet, title={Mcunet: Tiny deep learning on iot devices}, author={Lin, Ji and Han, Song},\n"
        "  journal={Advances in neural information processing systems}, year={2020}}\n"
        "@inproceedings{cai2019once, title={Once-for-all: Train one network and specialize it for efficient deployment},\n"
        "  author={Cai, Han and Han, Song}, booktitle={ICLR}, year={2020}}\n"
        "@inproceedings{x2020tiny, title={TINY DEEP LEARNING}, author={Lin, Ji}, booktitle={X}, year={2020}}\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(tmp_path / "scholar.bib")) == 0
    once = root / "content/papers/once-for-all.md"
    once.write_text(once.read_text(encoding="utf-8").replace("Train one network", "train one network"), encoding="utf-8")
    (tmp_path / "listing.txt").write_text(
        "LGJul 20, 2020Code\nMCUNet: Tiny Deep Learning on IoT DevicesJi Lin, Song Han\nTiny devices.\n"
        "LGAug 26, 2019Code\nOnce-for-All: Train One Network and Specialize it for Efficient DeploymentHan Cai, Song Han\nDeploy.\n"
        "LGJul 2, 2020\nTiny Deep LearningJi Lin\nTiny.\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(tmp_path / "listing.txt"), "--as-of", "2026-12-06") == 0
    titles = sorted(p.title for p in load_papers(root, Problems()))
    assert titles == [
        "MCUNet: Tiny Deep Learning on IoT Devices",
        "Once-for-all: train one network and specialize it for efficient deployment",  # edited by hand: kept
        "Tiny Deep Learning",  # a title in capitals throughout takes the small letters
    ]


@pytest.mark.parametrize(
    ("title", "other", "better"),
    [
        ("Mcunet: Tiny deep learning on iot devices", "MCUNet: Tiny Deep Learning on IoT Devices", True),
        ("MCUNet: Tiny Deep Learning on IoT Devices", "Mcunet: Tiny deep learning on iot devices", False),
        ("Deep learning", "DEEP LEARNING", False),
        ("DEEP LEARNING", "Deep Learning", True),
        ("Deep learning", "Deep learning of graphs", False),
        ("Deep residual learning", "Deep Residual Learning", False),  # sentence case by choice
        ("Bert: pre-training of deep transformers", "BERT: Pre-training of Deep Transformers", True),
    ],
)
def test_better_cased_is_the_same_words_with_more_capitals_not_shouting(title, other, better):
    from site_builder.importing.merge import better_cased

    assert better_cased(title, other) is better


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Advances in neural information processing systems", "Advances in Neural Information Processing Systems"),
        ("Proceedings of the IEEE/CVF conference on computer vision and pattern recognition",
         "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition"),
        ("Findings of the association for computational linguistics: EMNLP 2023", "Findings of the Association for Computational Linguistics: EMNLP 2023"),
        ("npj computational materials", "npj Computational Materials"),
        ("Journal of real-time image processing", "Journal of Real-Time Image Processing"),
        ("Computer Vision and Pattern Recognition", "Computer Vision and Pattern Recognition"),  # cased already
        ("Revue française de mécanique", "Revue française de mécanique"),  # French cases otherwise
        ("arXiv preprint arXiv:2301.12345", "arXiv preprint arXiv:2301.12345"),
        ("eLife", "eLife"),
    ],
)  # fmt: skip
def test_a_venue_scholar_wrote_in_small_letters_gets_its_capitals(tmp_path, written, shown):
    (paper,), _ = bib_papers(
        tmp_path, f"@article{{k, title = {{T}}, author = {{Lee, Ann}}, journal = {{{written}}}, year = 2020}}\n", "s.bib"
    )
    assert paper.venue == shown


def test_a_google_scholar_export_is_recognised_and_enrich_suggested(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "citations.bib").write_text(
        "@article{lin2020mcunet,\n  title={Mcunet: Tiny deep learning on iot devices},\n  author={Lin, Ji and others},\n  year={2020}\n}\n"
        "@inproceedings{he2016deep,\n  title={Deep residual learning for image recognition},\n  author={He, Kaiming},\n  year={2016}\n}\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(tmp_path / "citations.bib")) == 0
    assert (
        "citations.bib: warning: this looks like Google Scholar's export, which writes titles in small letters" in capsys.readouterr().err
    )
    # the lab's own file, keyed the same way but with its titles' capitals, is no Scholar export
    assert run(root, "import", str(SEED_BIB)) == 0
    assert "Google Scholar's export" not in capsys.readouterr().err


def test_a_name_a_lab_set_in_bold_or_underlined_is_the_name(tmp_path, capsys):
    """Labs mark their own people in their .bib (`\\textbf{Lee, Ann}`, `\\underline{Lee, A.}`,
    `<b>…</b>`): the name is the person, the mark is said once (the site highlights members)."""
    papers, problems = bib_papers(
        tmp_path,
        "@article{a, title={T1}, author={\\textbf{Lee, Ann}* and Chen, Bo}, journal={J}, year=2020}\n"
        "@article{b, title={T2}, author={{\\bf Ann Lee} and \\underline{\\textbf{Chen, Bo}}}, journal={J}, year=2021}\n"
        "@article{c, title={T3}, author={<b>Ann Lee</b> and **Cy Wu**}, journal={J}, year=2022}\n",
        "bold.bib",
    )
    assert sorted(p.authors for p in papers) == [("Ann Lee", "Bo Chen"), ("Ann Lee", "Bo Chen"), ("Ann Lee", "Cy Wu")]
    assert next(p for p in papers if p.bibtex_key == "a").equal_contribution == ("Ann Lee",)
    assert not any("textbf" in p.bibtex_authors or "<b>" in p.bibtex_authors for p in papers)
    assert [str(p) for p in problems.items] == [
        "bold.bib: warning: authors set in bold or underlined were imported as their names alone: 'Ann Lee' (3), 'Bo Chen' (1), "
        "'Cy Wu' (1) (the site highlights lab members itself: list them in site.yaml `members`)"
    ]


@pytest.mark.parametrize(
    ("author", "authors", "et_al", "reviewed"),
    [
        ("Lee, Ann and Chen, Bo and et al.", ("Ann Lee", "Bo Chen"), True, False),
        ("Lee, Ann and Chen, Bo et al.", ("Ann Lee", "Bo Chen"), True, False),
        ("Lee, Ann and Chen, Bo and \\emph{et al.}", ("Ann Lee", "Bo Chen"), True, False),
        ("Lee, Ann and Chen, Bo and ...", ("Ann Lee", "Bo Chen"), True, False),
        ("Lee, Ann and Chen, Bo and {others}", ("Ann Lee", "Bo Chen"), True, False),  # Paperpile's
        ("Wei Wang 0002 and Zhang 0001, Yu and Song Han", ("Wei Wang", "Yu Zhang", "Song Han"), False, False),  # DBLP's namesakes
        # initials as one spelling, so `Lee, A.B.`, `Lee, AB` and `Lee, A. B.` are one person; a
        # capital beside a given name may be part of it (Korean `Seo A`)
        (
            "Lee, A.B. and Zhang, T and Chen, LLG and Kim, Seo A and Hu, Edward J and J.R. Smith",
            ("A. B. Lee", "T. Zhang", "L. L. G. Chen", "Seo A Kim", "Edward J Hu", "J. R. Smith"),
            False,
            False,
        ),
        ("Ann Lee, Bo Chen, Cy Wu", ("Ann Lee", "Bo Chen", "Cy Wu"), False, True),  # commas for `and`
        ("Lee, A., Chen, B., Wu, C.", ("A. Lee", "B. Chen", "C. Wu"), False, True),
        ("Lee, Ann and Bo Chen, Cy Wu, Di Xu", ("Ann Lee", "Bo Chen", "Cy Wu", "Di Xu"), False, True),
        ("Lee, Ann, Chen, Bo", ("Ann Lee", "Bo Chen"), False, True),
        ("Ann Lee; Bo Chen", ("Ann Lee", "Bo Chen"), False, True),
        ("Ann Lee & Bo Chen and Cy Wu", ("Ann Lee", "Bo Chen", "Cy Wu"), False, True),
        ("Procter & Gamble and Lee, Ann", ("Procter & Gamble", "Ann Lee"), False, False),  # a company's name
        ("Shields, Jr., Charles O. and Berg, Pieter, Jr.", ("Charles O. Shields Jr.", "Pieter Berg Jr."), False, False),
        ("Lee, Ann and and Chen, Bo", ("Ann Lee", "Bo Chen"), False, False),  # `and` twice: BibTeX's `Bo and Chen`
        ("LEE Ann, CHEN Bo", ("Ann Lee", "Bo Chen"), False, True),  # family names in capitals: two people, not `Lee Ann`
        ("LEE, Ann", ("Ann Lee",), False, False),
    ],
)
def test_a_name_list_written_the_way_people_write_it_names_the_people(tmp_path, author, authors, et_al, reviewed):
    """`and et al.`, `and ...`, names separated by commas: BibTeX would read an author called
    `et al.`, or one person named `Cy Wu Ann Lee Bo Chen`. The list is read as meant; commas
    for `and` are a reading the review asks to check."""
    (paper,), _ = bib_papers(tmp_path, f"@article{{k, title = {{T}}, author = {{{author}}}, journal = {{J}}, year = 2020}}\n", "n.bib")
    assert (paper.authors, paper.et_al, "separates names with commas" in paper.review) == (authors, et_al, reviewed)


def test_the_slips_of_a_bib_written_by_hand_are_read_as_meant_and_said(tmp_path):
    """BibTeX stops at a missing comma between fields and at an entry without a key; the import
    reads them as meant, says so, and leaves out only what cannot be read."""
    papers, problems = bib_papers(
        tmp_path,
        "@article{a1,\n  title = {Missing comma}\n  author = {Lee, Ann}\n  journal = {J}, year = 2020\n}\n"
        "@article{\n  title = {No key},\n  author = {Lee, Ann},\n  year = 2022\n}\n"
        "@article{a3, title = {Year with a letter}, author = {Lee, Ann}, year = 2021a}\n"
        "@string{conf = {Conference}}\n@inproceedings{a4, title = {Macro}, author = {Lee, Ann}, booktitle = conf, year = 2019}\n"
        "@article{a5,\n  title = {Unclosed brace,\n  author = {Lee, Ann},\n  year = 2024\n}\n"
        "@article{a6, title = {After it}, author = {Lee, Ann}, year = 2025}\n"
        "@article{a7,\n  title = {Opening brace lost},\n  author = Lee, Ann and Chen, Bo},\n  year = 2026\n}\n"
        "@article{a8\n  title = {Comma after the key lost},\n  author = {Lee, Ann},\n  year = 2026\n}\n"
        "@article{a9,\n  title = {Last field left open},\n  author = {Lee, Ann}, year = 2026,\n  doi = {10.1000/x9\n}\n",
        "hand.bib",
    )
    by_title = {p.title: p for p in papers}
    assert (by_title["Missing comma"].authors, by_title["Missing comma"].venue, by_title["Missing comma"].date.year) == (
        ("Ann Lee",),
        "J",
        2020,
    )
    assert (by_title["No key"].bibtex_key, by_title["No key"].authors, "has no key" in by_title["No key"].review) == (
        "",
        ("Ann Lee",),
        True,
    )
    assert by_title["Year with a letter"].date.year == 2021 and by_title["Macro"].venue == "Conference"
    assert (by_title["Unclosed brace"].authors, by_title["Unclosed brace"].date.year, "After it" in by_title) == (("Ann Lee",), 2024, True)
    assert by_title["Opening brace lost"].authors == ("Ann Lee", "Bo Chen")
    assert (by_title["Comma after the key lost"].bibtex_key, by_title["Comma after the key lost"].authors) == ("a8", ("Ann Lee",))
    assert by_title["Last field left open"].doi == "10.1000/x9"
    assert [str(p) for p in problems.items] == [
        "hand.bib:1: warning: entry 'a1': a comma is missing before `author`: read as if it were there (add the comma)",
        "hand.bib:1: warning: entry 'a1': a comma is missing before `journal`: read as if it were there (add the comma)",
        "hand.bib:6: warning: this entry has no key: it is imported with a key of its own (write a key after `{`)",
        "hand.bib:11: warning: entry 'a3': `2021a` is no number, so it needs braces: read as its text (write {2021a})",
        "hand.bib:14: warning: entry 'a5': a brace is missing: read as if it were there (check the braces of its fields)",
        "hand.bib:20: warning: entry 'a7': a brace is missing: read as if it were there (check the braces of its fields)",
        "hand.bib:25: warning: entry 'a8': the comma after its key is missing: read as if it were there (add the comma)",
        "hand.bib:30: warning: entry 'a9': a brace is missing: read as if it were there (check the braces of its fields)",
    ]


def test_a_web_address_as_key_datacites_arxiv_export_gives_way_to_a_key_of_the_sites(tmp_path):
    (paper, acm), _ = bib_papers(
        tmp_path,
        "@misc{https://doi.org/10.48550/arxiv.2301.00001, title = {A Preprint}, author = {Kim, Bo}, year = {2023}}\n"
        "@inproceedings{10.1145/3372297.3417880, title = {A Paper}, author = {Lee, Ann}, booktitle = {CCS}, year = {2020}}\n",
        "keys.bib",
    )
    assert (paper.bibtex_key, acm.bibtex_key) == ("", "10.1145/3372297.3417880")  # ACM's DOI keys are cited as they are


def test_round_trip_of_the_sites_own_bibtex(tmp_path):
    source = copy_site(tmp_path / "source")
    exported = build(source) / "publications.bib"
    empty = copy_site(tmp_path / "empty", with_papers=False)
    assert run(empty, "import", str(exported)) == 0

    def essentials(root: Path) -> dict:
        return {
            (p.title, p.date, p.date_precision): (
                p.authors,
                p.et_al,
                p.venue,
                p.venue_year,
                p.doi,
                p.arxiv,
                p.pages,
                p.type or ("conference" if p.venue else "other"),
            )
            for p in load_papers(root, Problems())
        }

    assert essentials(empty) == essentials(source)


@pytest.mark.parametrize("suffix", [".txt", ".bibtex"])
def test_format_can_be_given(tmp_path, suffix, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    path = tmp_path / f"refs{suffix}"
    shutil.copy(FIXTURES / "nasty.bib", path)
    assert run(root, "import", str(path), "--format", "bibtex") == 0
    assert "7 added" in capsys.readouterr().out


ORCID_RIS = """\
TY  - JOUR
AU  - Miśkiewicz, Radosław
TI  - The Intellectual Capital and its Impact on the Sustainable Development of the SML-Sized Enterprises in Poland
PY  - 2021
DA  - 2021///
JO  - European Research Studies Journal
ER  -

TY  - JOUR
AU  - RADOSŁAW MIŚKIEWICZ
AU  - Elwira Gross-Gołacka
AU  - Marta Kusterka-Jefmańska
TI  - The intellectual capital and its impact on the sustainable development of the SML-sized enterprises in Poland
PY  - 2021
DA  - 2021///
JO  - European Research Studies Journal
DO  - 10.35808/ersj/2242
ER  -

TY  - JOUR
AU  - Radoslaw Miskiewicz
AU  - Ann Lee
TI  - Risk-management of innovation projects
PY  - 2021
JO  - Marketing and Management of Innovations
DO  - 10.21272/mmi.2021.2-13
ER  -

TY  - JOUR
AU  - Miśkiewicz, R.
TI  - Risk-management of innovation projects
PY  - 2021
JO  - Marketing and Management of Innovations
ER  -

TY  - JOUR
AU  - Miśkiewicz, Radosław
TI  - Gross-Gołacka, E.; Kusterka-Jefmańska, M. The intellectual capital and its impact on the sustainable development of the SML-sized enterprises in Poland
PY  - 2021
JO  - European Research Studies Journal
ER  -
"""
"""A profile's export (ORCID's, a university's), trimmed from a real one: each work once as
the owner entered it, alone, and once as a database gave it, with every author."""


def test_a_work_a_profile_lists_twice_keeps_every_author_and_the_best_spelling(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "profile.ris").write_text(ORCID_RIS, encoding="utf-8")
    assert run(root, "import", str(tmp_path / "profile.ris")) == 0
    said = capsys.readouterr()
    assert "2 added" in said.out
    # a citation's authors pasted before a title (as merged records give it) come off, said
    assert "profile.ris:36: warning: entry of type @article: its title began with a citation's authors" in said.err
    papers = {p.doi: p for p in load_papers(root, Problems())}
    # the paper keeps the file name of the work's first record: no `-2021` of a second one
    assert sorted(p.source_path.rsplit("/", 1)[-1] for p in papers.values()) == [
        "risk-management-of-innovation-projects.md", "the-intellectual-capital-and-its-impact-on-the-sustainable.md",
    ]  # fmt: skip
    capital = papers["10.35808/ersj/2242"]
    assert capital.authors == ("Radosław Miśkiewicz", "Elwira Gross-Gołacka", "Marta Kusterka-Jefmańska")
    assert capital.title.startswith("The Intellectual Capital and its Impact")  # the title as its authors cased it
    # `R.` says no more; the name the other work spells with its letters is spelt so here too
    assert papers["10.21272/mmi.2021.2-13"].authors == ("Radosław Miśkiewicz", "Ann Lee")


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("Lee, A.; Kim, B.-C. Deep Nets", "Deep Nets"),
        ("Le za nska, M.; Miskiewicz, R.; Błajet-Kosicka, A.; Kowalczyk, P. The Finite Pore Volume", "The Finite Pore Volume"),
        ("Smith, J. A Title", "Smith, J. A Title"),  # one name is no list: a title may start so
        ("Learning; Ranking, Again", "Learning; Ranking, Again"),
        ("Lee, A.; Kim, B.", "Lee, A.; Kim, B."),  # nothing after the names: no title to keep
    ],
)
def test_a_citations_authors_pasted_before_a_title_come_off(title, kept):
    assert without_cited_names(title)[0] == kept


def test_one_title_in_two_venues_of_a_labs_bib_is_two_papers(tmp_path):
    """4ILab's `papers.bib` lists a workshop's abstract (2018) and the main meeting's (2019) under
    one title, as labs list a conference paper and its journal version: each is a publication."""
    papers, problems = bib_papers(
        tmp_path,
        "@inproceedings{han2019, title = {Non-Cartesian k-space deep learning for accelerated MRI}, author = {Han, Yoseob and Ye, Jong Chul},\n"
        "  booktitle = {ISMRM Annual Meeting}, year = {2019}}\n"
        "@inproceedings{han2018ws, title = {Non-Cartesian k-space deep learning for accelerated MRI}, author = {Han, Yoseob and Ye, Jong Chul},\n"
        "  booktitle = {ISMRM Workshop on Machine Learning Part 2}, year = {2018}}\n"
        "@inproceedings{lee2019, title = {Sparse Nets}, author = {Lee, Ann}, booktitle = {CVPR}, year = {2019}}\n"
        "@article{lee2020, title = {Sparse Nets}, author = {Lee, Ann and Kim, Bo}, journal = {IEEE TPAMI}, year = {2020}}\n",
    )
    assert sorted(paper.bibtex_key for paper in papers) == ["han2018ws", "han2019", "lee2019", "lee2020"]
    assert not any("same work" in problem.message for problem in problems.items)


def test_many_bib_files_or_a_folder_of_them_import_as_one(tmp_path, capsys):
    """A Hugo Blox site keeps a `cite.bib` per paper; a lab keeps its file and members theirs. All
    of them are one import: a work in two files is one paper, two papers of one title two files."""
    root = copy_site(tmp_path / "site", with_papers=False)
    blox = tmp_path / "content/publication"
    for folder, entry in {
        "intro-2020": "@article{a, title = {Introduction}, author = {Lee, Ann}, journal = {J}, year = 2020}",
        "intro-2020-again": "@article{b, title = {Introduction}, author = {Kim, Jo}, journal = {K}, year = 2020}",
        "cells": "@article{c, title = {Cells}, author = {Lee, Ann}, journal = {Cell}, year = 2021, doi = {10.1000/cells}}",
    }.items():
        (blox / folder).mkdir(parents=True)
        (blox / folder / "cite.bib").write_text(entry + "\n", encoding="utf-8")
    member = tmp_path / "alice.bib"
    member.write_text("@misc{c2, title = {Cells (preprint)}, author = {Lee, Ann}, year = 2021, doi = {10.1000/CELLS}}\n", encoding="utf-8")
    assert run(root, "import", str(blox), str(member)) == 0
    out, err = capsys.readouterr()
    assert "3 added" in out and "the .bib files: warning: 'c2' is the same work as 'c'" in err
    assert "(if they are two works, give each its own `doi` or `eprint` (arXiv id), and import again)" in err  # which keeps both
    papers = {p.slug: p for p in load_papers(root, Problems())}
    assert sorted(papers) == ["cells", "introduction", "introduction-2020"]
    assert {papers["introduction"].authors, papers["introduction-2020"].authors} == {("Ann Lee",), ("Jo Kim",)}
    assert run(root, "import", str(blox), str(member)) == 0  # again: nothing new
    assert "0 added, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_files_of_one_import_share_their_macros_and_crossref_parents(tmp_path, capsys):
    """`\\bibliography{IEEEabrv,venues,refs}`: the abbreviations and the volumes live in files of
    their own. Given in one import, in any order, they are one bibliography, as BibTeX reads it."""
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "IEEEabrv.bib").write_text(
        '@STRING{IEEE_J_PAMI = "{IEEE} Trans. Pattern Anal. Mach. Intell."}\n@STRING{conf = "Conference One"}\n', encoding="utf-8"
    )
    (tmp_path / "venues.bib").write_text(
        "@proceedings{cvpr20, title = {Proc. CVPR}, year = 2020, publisher = {IEEE}}\n@STRING{conf = {Conference Two}}\n",
        encoding="utf-8",
    )
    (tmp_path / "refs.bib").write_text(
        "@STRING{local = {Our Own Journal}}\n"
        "@article{pami, title = {Shapes}, author = {Lee, Ann}, journal = IEEE_J_PAMI, year = 2020}\n"
        "@inproceedings{seg, title = {Segments}, author = {Lee, Ann}, crossref = {cvpr20}}\n"
        "@article{own, title = {Cells}, author = {Lee, Ann}, journal = local # { } # conf, year = 2021}\n",
        encoding="utf-8",
    )
    files = [str(tmp_path / name) for name in ("refs.bib", "IEEEabrv.bib", "venues.bib")]
    assert run(root, "import", *files) == 0
    out, err = capsys.readouterr()
    assert "3 added" in out and "undefined macro" not in err and "crossref" not in err
    papers = {p.bibtex_key: p for p in load_papers(root, Problems())}
    assert sorted(papers) == ["own", "pami", "seg"]  # the volume a paper crossrefs is no paper
    assert papers["pami"].venue == "IEEE Trans. Pattern Anal. Mach. Intell."
    assert (papers["seg"].venue, papers["seg"].date.year, papers["seg"].publisher) == ("Proc. CVPR", 2020, "IEEE")
    # Files after refs.bib only fill in (BibTeX would not have read them yet): the first wins.
    assert papers["own"].venue == "Our Own Journal Conference One"
    assert all(not p.review for p in papers.values())
    papers = {p.bibtex_key: p for p in bib_papers(tmp_path, (tmp_path / "refs.bib").read_text(), "alone.bib")[0]}
    assert "IEEE_J_PAMI" in papers["pami"].review  # alone, the file names what it lacks


def test_a_copy_never_leaves_the_site_nor_takes_another_files_place(tmp_path):
    from site_builder.importing.biblinks import Files

    one, two = tmp_path / "one.pdf", tmp_path / "two" / "one.pdf"
    files, review = Files(tmp_path, tmp_path / "site", {}), []
    assert not files.copy(one, "static/pdf/../../../one.pdf", review) and not files.copy(one, "/etc/one.pdf", review)
    assert files.copy(one, "static/pdf/one.pdf", review) and files.copy(one, "static/pdf/one.pdf", review)
    assert not files.copy(two, "static/pdf/one.pdf", review) and review == [
        f"{two} has the name of another entry's file, static/pdf/one.pdf: copy it under a new name and link that"
    ]
    assert files.copies == {"static/pdf/one.pdf": one}
    assert not Files(tmp_path, tmp_path / "site").copy(one, "static/pdf/one.pdf", [])  # the caller copies nothing


def test_a_hugo_blox_papers_featured_picture_comes_along_named_after_its_folder(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    folder = tmp_path / "content/publication/cells-2021"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("---\ntitle: Cells\n---\n", encoding="utf-8")
    featured = picture(folder / "featured.PNG", (16, 9), "red").read_bytes()
    (folder / "cite.bib").write_text("@article{c, title = {Cells}, author = {Lee, Ann}, journal = {Cell}, year = 2021}\n", encoding="utf-8")
    assert run(root, "import", "--dry-run", str(tmp_path / "content/publication")) == 0
    assert "1 files copied into the site" in capsys.readouterr().out and not (root / "content/papers/cells-2021.png").exists()
    assert run(root, "import", str(tmp_path / "content/publication")) == 0
    (paper,) = load_papers(root, Problems())
    assert (paper.image, paper.review) == ("cells-2021.png", "")
    assert (root / "content/papers/cells-2021.png").read_bytes() == featured


def test_a_listing_is_imported_on_its_own_and_an_empty_folder_is_said(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "empty").mkdir()
    assert run(root, "import", str(tmp_path / "empty")) == 1
    assert (
        "a folder with no file of references (.bib, .ris, CSL-JSON, …) or publication page (Hugo Blox, academicpages) in it"
        in capsys.readouterr().err
    )
    assert run(root, "import", str(SEED_LISTING), str(FIXTURES / "nasty.bib")) == 1
    assert "a listing is imported on its own" in capsys.readouterr().err
    assert not any((root / "content/papers").glob("*.md"))


def test_al_folio_awards_and_bare_flags(tmp_path):
    bib = tmp_path / "awards.bib"
    bib.write_text(
        """@inproceedings{best2021, title = {One}, author = {Pendse, Sachin R}, year = 2021, award = {Best Paper}}
@article{featured2024, title = {Two}, author = {Tan, Chenhao}, year = 2024, selected = true, bibtex_show = false,
  award = {Featured Certification}, award_name = {Featured Certification}, publisher = acm}
@inproceedings{oral2023, title = {Three}, author = {Lee, Ann}, year = 2023,
  award = {Oral presentation, top 1.8\\% of submissions}, award_name = {Oral}}
""",
        encoding="utf-8",
    )
    problems = Problems()
    papers = {p.bibtex_key: p for p in read_bibtex(bib, Registry(), problems, "awards.bib")}
    # al-folio's bare `selected = true` is a flag, not an undefined macro; a bare `acm` still is one
    assert [p.message for p in problems.warnings] == ["entry 'featured2024' uses the undefined macro 'acm'"]
    assert papers["featured2024"].selected and not papers["best2021"].selected
    assert (papers["best2021"].award, papers["best2021"].award_details) == ("Best Paper", "")
    assert (papers["featured2024"].award, papers["featured2024"].award_details) == ("Featured Certification", "")
    assert (papers["oral2023"].award, papers["oral2023"].award_details) == ("Oral", "Oral presentation, top 1.8% of submissions")
    root = copy_site(tmp_path / "site", with_papers=False)
    assert run(root, "import", str(bib)) == 0
    written = {p.bibtex_key: p for p in load_papers(root, Problems())}
    assert (written["oral2023"].award, written["oral2023"].award_details) == ("Oral", "Oral presentation, top 1.8% of submissions")
    assert "award: Oral\n" in (root / f"content/papers/{written['oral2023'].slug}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("written", "body"),
    [
        ("({RDW}) is a {COVID}-19 marker in {C}hina, {{DNA}}", "(RDW) is a COVID-19 marker in China, DNA"),
        ('Caf{\\\'e}, na\\"{i}ve, {\\"o}l, \\v{s}, {\\ss}', "Café, naïve, öl, š, ß"),
        ("P {\\textgreater} 0.05 and 95\\% {CI}", "P > 0.05 and 95\\% CI"),
        (
            "\\emph{x}, $x^{2}$, $\\{a\\}$ and \\href{https://a.org}{{A} site}",
            "\\emph{x}, $x^{2}$, $\\{a\\}$ and \\href{https://a.org}{A site}",
        ),
        ("costs $5 and $10", "costs $5 and $10"),
        (
            "<b>Background: </b>Red cells.\n<br>\n<b>Results:</b> CO<sub>2</sub>, x<sup>2</sup>, 1<sup>st</sup>, <i>in vivo</i>, p&lt;0.05",
            "**Background:** Red cells.\n\n**Results:** CO₂, x², 1st, *in vivo*, p<0.05",
        ),
        (
            "<jats:title>Abstract</jats:title><jats:p>We <jats:italic>study</jats:italic> it.</jats:p><jats:p>Then p<0.1.</jats:p>",
            "We *study* it.\n\nThen p<0.1.",
        ),
        ("M&A &amp; R&D: a &notable &para;-free &copy2020 result", "M&A & R&D: a &notable ¶-free &copy2020 result"),
        (  # Mendeley escapes every special character, in braces of its own, and `$` too
            "Only {\\textless}5{\\%} respond ({\\$}p{\\textless}0.05{\\$}) at {\\$}5 a {\\&} b",
            "Only <5\\% respond ($p<0.05$) at \\$5 a \\& b",
        ),
        (  # EndNote's PubMed records: a lay summary on its own line, then the record's language
            "We tested 3000 rats.\nTo uncover why, we tested them.\neng",
            "We tested 3000 rats. To uncover why, we tested them.",
        ),
        ("Words in ger\nman and eng", "Words in ger man and eng"),
        (  # eNeuro's heading, its tags dropped with the spaces around it
            "It results in dependence.Significance StatementStopping is hard. The Results of e.g.Methods hold.",
            "It results in dependence.\n\n**Significance Statement**\n\nStopping is hard. The Results of e.g.Methods hold.",
        ),
        # stars inside words multiply, not emphasise; a tag's emphasis and math are kept
        ("We use 3*3 kernels, <i>5*5</i> pooling and $a*b$.", "We use 3\\*3 kernels, *5\\*5* pooling and $a*b$."),
        (  # ADS's scripts: Unicode where it has the characters, else math; an ordinal's ending is a word's
            "Stars of 8 M <SUB>⊙</SUB>, T <SUB>eff</SUB> ~ 50 kK, Γ<SUB> e </SUB>, 10<SUP>3</SUP> L, the 2<sup>nd</sup> one",
            "Stars of 8 M $_{\\mathrm{⊙}}$, T $_{\\mathrm{eff}}$ ~ 50 kK, Γ$_{\\mathrm{e}}$, 10³ L, the 2nd one",
        ),
    ],
)
def test_a_bib_abstract_becomes_markdown(written, body):
    from site_builder.importing.bibabstract import abstract_from_bibtex

    assert abstract_from_bibtex(written) == body


def test_a_zotero_abstract_reads_as_text_on_the_page(tmp_path):
    bib = tmp_path / "zotero.bib"
    bib.write_text(
        """@article{ganji_predictive_2017,
\ttitle = {Predictive value of red blood cell distribution width},
\tabstract = {<b>Background:</b> Red blood cell distribution width ({RDW}) varies.
<br>
<b>Results:</b> The pooled odds ratio was 19.51 (95\\% {CI}: 5.26-72.30; P {\\textgreater} 0.05).},
\tjournal = {Medical Journal of the Islamic Republic of Iran},
\tauthor = {Ganji, Azita and {AbdolahRamazani}, Salman},
\tyear = {2017},
\tfile = {Ganji et al_2017.pdf:/home/amin/Zotero/storage/JCX5AMA9/Ganji et al_2017.pdf:application/pdf},
}
""",
        encoding="utf-8",
    )
    root = copy_site(tmp_path / "site", with_papers=False)
    assert run(root, "import", str(bib)) == 0
    page = (build(root) / "papers/predictive-value-of-red-blood-cell-distribution-width/index.html").read_text(encoding="utf-8")
    assert "<p><strong>Background:</strong> Red blood cell distribution width (RDW) varies.</p>" in page
    assert "<p><strong>Results:</strong> The pooled odds ratio was 19.51 (95% CI: 5.26-72.30; P &gt; 0.05).</p>" in page
    assert "Zotero" not in page and "&lt;b&gt;" not in page


def test_a_reference_managers_attached_pdf_is_copied_from_this_computer_and_never_linked_where_it_lay(tmp_path):
    """Zotero's `file` (`Description:path:type`, several with `;`), Better BibTeX's plain path,
    JabRef's `:name.pdf:PDF` beside the .bib and Mendeley's `:home/…:pdf` (its path without the
    root's `/`): a PDF on this computer is copied into the site; one on the computer that
    exported the .bib is no link (`/Users/ann/…` named a disk), the review says so."""
    store = tmp_path / "Zotero" / "storage" / "AB12"
    store.mkdir(parents=True)
    (store / "Lee 2023.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "jabref.pdf").write_bytes(b"%PDF-1.4\n")
    bib = tmp_path / "refs.bib"
    bib.write_text(
        f"@article{{here, title = {{Here}}, author = {{Lee, Ann}}, year = 2023,\n"
        f"  file = {{Full Text PDF:{store}/Lee 2023.pdf:application/pdf;Snapshot:{store}/x.html:text/html}}}}\n"
        "@article{away, title = {Away}, author = {Lee, Ann}, year = 2023, file = {/Users/ann/Zotero/storage/CD34/Away.pdf}}\n"
        "@article{beside, title = {Beside}, author = {Lee, Ann}, year = 2023, file = {:jabref.pdf:PDF}}\n"
        "@article{mendeley, title = {Mendeley}, author = {Lee, Ann}, year = 2023,\n"
        "  file = {:home/otter/Mendeley Desktop/Downloaded/Lee - 2023 - Mendeley.pdf:pdf}}\n",
        encoding="utf-8",
    )
    root = copy_site(tmp_path / "site", with_papers=False)
    assert run(root, "import", str(bib)) == 0
    papers = {paper.title: paper for paper in load_papers(root, Problems())}
    assert papers["Mendeley"].review == (
        "its PDF '/home/otter/Mendeley Desktop/Downloaded/Lee - 2023 - Mendeley.pdf' is a file on the computer that exported "
        "the .bib: copy it into static/pdf/, link /static/pdf/Lee - 2023 - Mendeley.pdf"
    )
    assert papers["Here"].pdf == "/static/pdf/Lee 2023.pdf" and (root / "static/pdf/Lee 2023.pdf").is_file()
    assert papers["Beside"].pdf == "/static/pdf/jabref.pdf" and (root / "static/pdf/jabref.pdf").is_file()
    assert papers["Away"].pdf == "" and "'/Users/ann/Zotero/storage/CD34/Away.pdf' is a file on the computer" in papers["Away"].review
    assert "/Users/ann" not in "".join(p.read_text(encoding="utf-8") for p in build(root).rglob("*.html"))


BIBDESK_KEYED_ARCHIVE = (  # a real `Bdsk-File-1` of an older BibDesk (NSKeyedArchiver), from a public .bib
    "YnBsaXN0MDDUAQIDBAUGJCVYJHZlcnNpb25YJG9iamVjdHNZJGFyY2hpdmVyVCR0b3ASAAGGoKgHCBMUFRYaIVUkbnVsbNMJCgsMDxJXTlMua2V5c1pO"
    "Uy5vYmplY3RzViRjbGFzc6INDoACgAOiEBGABIAFgAdccmVsYXRpdmVQYXRoWWFsaWFzRGF0YV8QSEJpYmxpb2dyYXBoeS9hcnRpY2xlL0d1by9SZXNv"
    "bHV0aW9uIG9mIGNlbGwgZmF0ZSBkZWNpc2lvbnMgcmV2ZWFsZWQwLnBkZtIXCxgZV05TLmRhdGFPEQI4AAAAAAI4AAIAAAxNYWNpbnRvc2ggSEQAAAAA"
    "AAAAAAAAAAAAAADNZQraSCsAAAAuCVUfUmVzb2x1dGlvbiBvZiBjZWxsIGYjMkUwQzNCLnBkZgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AC4MO81nvA4AAAAAAAAAAAABAAUAAAkgAAAAAAAAAAAAAAAAAAAAA0d1bwAAEAAIAADNZQraAAAAEQAIAADNZ7wOAAAAAQAcAC4JVQAuCLAALgirAC4I"
    "dgAMtSkABcaDAAIQ6QACAGVNYWNpbnRvc2ggSEQ6VXNlcnM6AG1heHo6AERyb3Bib3g6AFBhcGVyOgBCaWJsaW9ncmFwaHk6AGFydGljbGU6AEd1bzoA"
    "UmVzb2x1dGlvbiBvZiBjZWxsIGYjMkUwQzNCLnBkZgAADgBgAC8AUgBlAHMAbwBsAHUAdABpAG8AbgAgAG8AZgAgAGMAZQBsAGwAIABmAGEAdABlACAA"
    "ZABlAGMAaQBzAGkAbwBuAHMAIAByAGUAdgBlAGEAbABlAGQAMAAuAHAAZABmAA8AGgAMAE0AYQBjAGkAbgB0AG8AcwBoACAASABEABIAYVVzZXJzL21h"
    "eHovRHJvcGJveC9QYXBlci9CaWJsaW9ncmFwaHkvYXJ0aWNsZS9HdW8vUmVzb2x1dGlvbiBvZiBjZWxsIGZhdGUgZGVjaXNpb25zIHJldmVhbGVkMC5w"
    "ZGYAABMAAS8AABUAAgAL//8AAIAG0hscHR5aJGNsYXNzbmFtZVgkY2xhc3Nlc11OU011dGFibGVEYXRhox0fIFZOU0RhdGFYTlNPYmplY3TSGxwiI1xO"
    "U0RpY3Rpb25hcnmiIiBfEA9OU0tleWVkQXJjaGl2ZXLRJidUcm9vdIABAAgAEQAaACMALQAyADcAQABGAE0AVQBgAGcAagBsAG4AcQBzAHUAdwCEAI4A"
    "2QDeAOYDIgMkAykDNAM9A0sDTwNWA18DZANxA3QDhgOJA44AAAAAAAACAQAAAAAAAAAoAAAAAAAAAAAAAAAAAAADkA=="
)


def test_a_pdf_bibdesk_attached_is_copied_from_beside_the_bib(tmp_path):
    """BibDesk keeps an entry's files in `Bdsk-File-1`, … as the base64 of a property list whose
    `relativePath` is the file's path from the .bib's folder (a plain dictionary, or an older
    BibDesk's keyed archive). Found there, the PDF is copied into the site; not found, the review
    says which file it was; a value that is no property list is no file."""
    plain = plistlib.dumps({"relativePath": "papers/Lee/Fast Models.pdf", "aliasData": b"\0" * 8}, fmt=plistlib.FMT_BINARY)
    (tmp_path / "papers/Lee").mkdir(parents=True)
    (tmp_path / "papers/Lee/Fast Models.pdf").write_bytes(b"%PDF-1.4\n")
    bib = tmp_path / "library.bib"
    bib.write_text(
        "@article{fast, Title = {Fast Models}, Author = {Lee, Ann}, Year = 2023,\n"
        f"\tBdsk-Url-1 = {{https://example.org/fast}},\n\tBdsk-File-1 = {{{base64.b64encode(plain).decode()}}}}}\n"
        f"@article{{guo, Title = {{Cell Fate}}, Author = {{Guo, Guoji}}, Year = 2010, Bdsk-File-1 = {{{BIBDESK_KEYED_ARCHIVE}}}}}\n"
        "@article{odd, Title = {Odd}, Author = {Lee, Ann}, Year = 2021, Bdsk-File-1 = {bm90IGEgcGxpc3Q=}, Bdsk-File-2 = {%%%},\n"
        "  Bdsk-File-3 = {PD94bWwgdmVyc2lvbj0iMS4wIj8+PHBsaXN0PjxkaWN0PgE8L3BsaXN0Pg==}}\n",  # XML that is not well formed
        encoding="utf-8",
    )
    root = copy_site(tmp_path / "site", with_papers=False)
    assert run(root, "import", str(bib)) == 0
    papers = {paper.title: paper for paper in load_papers(root, Problems())}
    assert papers["Fast Models"].pdf == "/static/pdf/Fast Models.pdf"
    assert (root / "static/pdf/Fast Models.pdf").read_bytes() == b"%PDF-1.4\n"
    assert papers["Cell Fate"].pdf == ""
    assert (
        "'Bibliography/article/Guo/Resolution of cell fate decisions revealed0.pdf' is a file beside the .bib" in papers["Cell Fate"].review
    )
    assert (papers["Odd"].pdf, papers["Odd"].review) == ("", "")


def test_a_file_name_with_spaces_keeps_them_and_is_linked_as_a_url_must_be(tmp_path, capsys):
    """al-folio's `pdf = {My Paper.pdf}`: found under static/ by its real name and linked with
    `%20`; one not there yet is named as it is in the review. A wrapped URL still loses the space
    a line break put inside it."""
    root = copy_site(tmp_path / "site", with_papers=False)
    (root / "static/pdf").mkdir(parents=True)
    (root / "static/pdf/My Paper.pdf").write_bytes(b"%PDF-1.4\n")
    bib = tmp_path / "lab.bib"
    bib.write_text(
        "@article{a, title = {Spaced Out}, author = {Lee, Ann}, year = 2024, pdf = {My Paper.pdf},\n"
        "  poster = {Poster  Final.pdf}, code = {https://github.com/lab/\n    spaced}}\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(bib)) == 0
    (paper,) = load_papers(root, Problems())
    assert (paper.pdf, paper.links) == ("/static/pdf/My Paper.pdf", {"code": "https://github.com/lab/spaced"})
    assert "link it as /static/files/Poster Final.pdf" in paper.review
    page = build(root) / "papers/spaced-out/index.html"
    html = page.read_text(encoding="utf-8")
    assert 'href="/static/pdf/My%20Paper.pdf"' in html and 'content="https://' in html and "My%20Paper.pdf" in html
    assert "My Paper.pdf" not in html
    assert nu_errors([page]) == ""


@pytest.mark.parametrize(
    ("written", "decoded"),
    [
        ("Research &amp; Development", "Research & Development"),  # EndNote's and Crossref's entities
        ("Health &amp; Human Services-Wide", "Health & Human Services-Wide"),
        ("Caf&eacute; &#233; &#x00E9;", "Café é é"),
        ("Science & Engineering {Ethics}", "Science & Engineering Ethics"),  # a bare & is meant as itself
        ("R&D-based {GPU}s", "R&D-based GPUs"),
        ("A \\& B", "A & B"),
        ("&notanentity; stays", "&notanentity; stays"),
        ("R&D Gives 50% Gains", "R&D Gives 50% Gains"),  # no other LaTeX: nothing to decode
        ("{R&D} Gives 50% Gains-Plus", "R&D Gives 50% Gains-Plus"),  # a bare % is no comment
        ("$a & b$ in {Arrays}", "$a & b$ in Arrays"),  # math as written
        ("{Cells respond to {\\$}\\alpha{\\$}-signals}", "Cells respond to $\\alpha$-signals"),  # Mendeley's escaped math
        ("{\\$}x{\\_}1{\\$} and {\\$}p{\\textless}0.05{\\$}", "$x_1$ and $p<0.05$"),
        ("costs {\\$}5 and \\$10", "costs $5 and $10"),  # dollars, not math
        ("The \\LaTeX{} Companion, \\TeX and \\BibTeX", "The LaTeX Companion, TeX and BibTeX"),
        ("\\mbox{GPT-4} at \\url{https://x.org}, 2\\textsuperscript{nd}", "GPT-4 at https://x.org, 2nd"),
        ("see \\href{https://a.org}{the site}", "see the site <https://a.org>"),  # pylatexenc alone raised
        ("We present \\sysname, a \\ourmethod{} system", "We present sysname, a ourmethod system"),  # a paper's own macros
        ("\\relax Ch.~Smith and {\\bf Bold} {\\em it}", "Ch. Smith and Bold it"),  # commands that print nothing
        ("P {\\textgreater} 0.05, \\copyright{} 2020", "P > 0.05, © 2020"),
        ("\\foreignlanguage{german}{Straße} \\selectlanguage{english}and {\\color{red}red}", "Straße and red"),
        ("Code: \\href{https://a.org}", "Code: https://a.org"),  # broken LaTeX pylatexenc raises on: its words
        ("see \\verb", "see"),
        ("On {\\MakeUppercase{t}}hings and \\MakeLowercase{LOUD}", "On Things and loud"),
        ("{\\noopsort{Vries}}{de Vries}", "de Vries"),  # sorts, prints nothing
    ],
)
def test_html_entities_and_bare_ampersands_become_the_characters_meant(written, decoded):
    assert decode_latex(written) == decoded


_LATEX_PIECES = (
    "\\href{https://a.org}", "{text}", "\\url{x}", "\\cite{k}", "\\textbf{", "}", "{", "\\\\", "\\begin{itemize}", "\\end{itemize}",
    "$", "$$", "\\(", "\\)", "\\verb|x|", "\\verb", "\\'", '\\"', "\\v{", "~", "--", "``", "\\&", "&", "%", "#", "_", "^",
    "\\$", "\\emph", "\\textsuperscript", "\\frac{1}{2}", "\\sqrt[3]{x}", "\\left(", "\\def\\x{y}", "\\@", "\\ensuremath",
    "\\sim", "\\alpha", "\\mbox{G}", "\\LaTeX", "\\sysname", "{\\$}", "<i>", "</i>", "&amp;", "&bogus;", "a", " ", "\n",
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LATEX_PIECES), min_size=1, max_size=8))
def test_no_latex_a_bib_field_holds_stops_the_import(pieces):
    """pylatexenc raises on some broken LaTeX (`\\href{x}` with one argument): a field is text,
    however broken, and an author list a list of names."""
    written = "".join(pieces)
    for read in (decode_latex, abstract_from_bibtex, parse_name, split_list):
        read(written)


def test_an_al_folio_sites_pictures_and_pdfs_are_copied_in_and_what_is_missing_is_named(tmp_path, capsys):
    """A lab moving from al-folio imports `_bibliography/papers.bib`: the previews and PDFs it
    names, kept in the old site's assets/, come along; a file it has nowhere is for a person."""
    root = copy_site(tmp_path / "site", with_papers=False)
    repo = tmp_path / "old-site"
    (repo / "_bibliography").mkdir(parents=True)
    rats = picture(repo / "assets/img/publication_preview/rats.jpg", (40, 30), "red").read_bytes()
    (repo / "assets/pdf").mkdir(parents=True)
    (repo / "assets/pdf/rats.pdf").write_bytes(b"%PDF-1.4 rats")
    (repo / "assets/pdf/voles-slides.pdf").write_bytes(b"%PDF-1.4 slides")
    own = picture(root / "content/papers/voles.png", (30, 30), "blue").read_bytes()
    picture(repo / "assets/img/publication_preview/voles.png", (30, 30), "green")
    bib = repo / "_bibliography/papers.bib"
    bib.write_text(
        "---\n---\n\n[NCBI library](https://www.ncbi.nlm.nih.gov/)\n\n"
        "@article{RN1, title = {Rats}, author = {Lee, Ann}, year = 2026, preview = {rats.jpg}, pdf = {rats.pdf}}\n"
        "@article{RN2, title = {Mice}, author = {Lee, Ann}, year = 2026, preview = {mice.jpg}, pdf = {../../mice.pdf}}\n"
        "@article{RN3, title = {Voles}, author = {Lee, Ann}, year = 2026, preview = {voles.png}, slides = {voles-slides.pdf}}\n"
        "@article{RN4, title = {Shrews}, author = {Lee, Ann}, year = 2026, preview = {https://example.org/v.png}}\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(bib)) == 0
    out, err = capsys.readouterr()
    assert "4 added" in out and "3 files copied into the site" in out
    assert "papers.bib:7: warning: entry 'RN2': its `preview` image 'mice.jpg' is not in content/papers/ yet" in err
    papers = {p.title: p for p in load_papers(root, Problems())}
    assert {t: p.image for t, p in papers.items()} == {
        "Rats": "rats.jpg", "Mice": "mice.jpg", "Voles": "voles.png", "Shrews": "https://example.org/v.png"
    }  # fmt: skip
    assert (papers["Rats"].pdf, papers["Voles"].links) == ("/static/pdf/rats.pdf", {"slides": "/static/files/voles-slides.pdf"})
    assert (root / "content/papers/rats.jpg").read_bytes() == rats
    assert (root / "static/pdf/rats.pdf").read_bytes() == b"%PDF-1.4 rats"
    assert (root / "static/files/voles-slides.pdf").read_bytes() == b"%PDF-1.4 slides"
    assert (root / "content/papers/voles.png").read_bytes() == own  # never replaced
    assert not (tmp_path / "mice.pdf").exists() and papers["Mice"].pdf == ""
    assert "is not beside the .bib or in its assets/img/publication_preview/" in papers["Mice"].review
    assert all(papers[t].review == "" for t in ("Rats", "Voles", "Shrews"))
    crop = picture(root / "content/papers/rats.jpg", (20, 20), "red").read_bytes()
    (root / "static/pdf/rats.pdf").unlink()  # a person takes the PDF off the site
    bib.write_text(bib.read_text(encoding="utf-8").replace("title = {Rats},", "title = {Rats}, volume = {3},"), encoding="utf-8")
    assert run(root, "import", str(bib)) == 0
    out = capsys.readouterr().out
    assert "1 updated, 3 unchanged" in out and "copied" not in out
    assert (root / "content/papers/rats.jpg").read_bytes() == crop  # a person's crop stays
    assert not (root / "static/pdf/rats.pdf").exists()  # what a person deleted is not brought back
    (root / "content/papers/mice.md").write_text(
        (root / "content/papers/mice.md").read_text(encoding="utf-8").replace("image: mice.jpg\n", ""), encoding="utf-8"
    )
    (root / "static/pdf/rats.pdf").write_bytes(b"%PDF-1.4 rats")
    assert build(root).joinpath("static/pdf/rats.pdf").read_bytes() == b"%PDF-1.4 rats"


def test_marks_after_names_are_taken_off_and_read_as_their_annotation_says(tmp_path):
    """al-folio labs mark shared first authors and corresponding authors in `author` and explain
    the marks in `annotation`: names come out clean (one author page for `Han+, Yoseob` and
    `Han, Yoseob`), marks land in `equal_contribution` and `corresponding`."""
    found, _ = bib_papers(
        tmp_path,
        "@inproceedings{a, title = {A}, year = 2026, author = {Lee*, Gunwoo and Oh*, Yoori and Han, Yoseob},\n"
        "  annotation = {* Equal contribution}}\n"
        "@inproceedings{b, title = {B}, year = 2026, author = {Kim, Seo A and Han+, Yoseob and Ryu+, Kanghyun},\n"
        "  annotation = {+ Corresponding authors}, award = {Oral}, award_name = {Oral presentation}}\n"
        "@article{c, title = {C}, year = 2025, author = {Wu$^\\dagger$, Cy and Ng\\textsuperscript{1}, Bo and Li§, Al and Xu✉, Di},\n"
        "  annotation = {$^\\dagger$ corresponding author; § Work done at Google}, award_name = {Best Paper}, award = {Best Paper Award (top 0.1\\%)}}\n"
        "@misc{d, title = {D}, year = 2024, author = {{C++ Standards Committee} and Smith*, Jo and Doe+, Ann}}\n"
        "@article{e, title = {E}, year = 2024, author = {Shang, Yuzhang and Cai, Mu and Lee^, Yong Jae and Yan^, Yan}}\n"
        "@article{f, title = {F}, year = 2023, author = {Shang$^*$, Yuzhang and Yuan^{*}, Zhihang and Lee^\\dagger, Yong Jae}}\n",
        "marks.bib",
    )
    papers = {p.title: p for p in found}
    a, b, c, d, e, f = papers["A"], papers["B"], papers["C"], papers["D"], papers["E"], papers["F"]
    # a bare `^` ends a name as `+` does; the one that sets a mark as a superscript is no mark of its own
    assert (e.authors, e.corresponding) == (("Yuzhang Shang", "Mu Cai", "Yong Jae Lee", "Yan Yan"), ("Yong Jae Lee", "Yan Yan"))
    assert (f.authors, f.equal_contribution) == (
        ("Yuzhang Shang", "Zhihang Yuan", "Yong Jae Lee"),
        ("Yuzhang Shang", "Zhihang Yuan", "Yong Jae Lee"),
    )
    assert (a.authors, a.equal_contribution, a.corresponding) == (("Gunwoo Lee", "Yoori Oh", "Yoseob Han"), ("Gunwoo Lee", "Yoori Oh"), ())
    assert (b.authors, b.equal_contribution, b.corresponding) == (
        ("Seo A Kim", "Yoseob Han", "Kanghyun Ryu"),
        (),
        ("Yoseob Han", "Kanghyun Ryu"),
    )
    assert (c.authors, c.equal_contribution, c.corresponding) == (("Cy Wu", "Bo Ng", "Al Li", "Di Xu"), (), ("Cy Wu", "Di Xu"))
    assert (d.authors, d.equal_contribution, d.corresponding) == (
        ("C++ Standards Committee", "Jo Smith", "Ann Doe"),
        ("Jo Smith",),
        ("Ann Doe",),
    )
    assert (b.award, b.award_details) == ("Oral", "Oral presentation")  # the shorter is the badge, either way round
    assert (c.award, c.award_details) == ("Best Paper", "Best Paper Award (top 0.1%)")


def test_fields_that_name_equal_and_corresponding_authors_mark_them_however_the_names_are_written(tmp_path):
    """Labs that do not mark names write the roles in fields of their own: names in either order,
    listed with `and`, `;` or commas, places in the list, or a count of first authors."""
    found, problems = bib_papers(
        tmp_path,
        "@article{a, title = {A}, year = 2026, author = {Kim, Hyunjun and Lee, Younghan and Lee, Kang-Won and Paek, Yunheung},\n"
        "  cofirstauthors = {Hyunjun Kim and Younghan Lee}, correspondingauthors = {Kang-Won Lee and Yunheung Paek}}\n"
        "@article{b, title = {B}, year = 2026, author = {Author, A. and Liu, Jiaxi and Author, B.},\n"
        "  equal_contribution = {Author A; Liu, Jiaxi}, corresponding_author = {Author B}}\n"
        "@article{c, title = {C}, year = 2026, author = {Kim, Youngseo and Jang, Minju and Yang, Seo-Hyun and Bae, Ho},\n"
        "  cofirstauthors = {Youngseo Kim, Minju Jang, and Seo-Hyun Yang}, Corresponding-Author = {H. Bae}}\n"
        "@article{d, title = {D}, year = 2026, author = {Deng, Yi and Wang, Bo and Zhou, Al and Ma, Di},\n"
        "  equal_contribution = {3}, corresponding = {4}}\n"
        "@article{e, title = {E}, year = 2026, author = {Lee*, Gunwoo and Oh*, Yoori and Han, Yoseob}, annotation = {* Equal contribution},\n"
        "  co_first = {2, 3}, corresponding_author = {Jane Roe and Yoseob Han}}\n",
        "roles.bib",
    )
    papers = {p.title: p for p in found}
    roles = {title: (p.equal_contribution, p.corresponding) for title, p in papers.items()}
    assert roles == {
        "A": (("Hyunjun Kim", "Younghan Lee"), ("Kang-Won Lee", "Yunheung Paek")),
        "B": (("A. Author", "Jiaxi Liu"), ("B. Author",)),
        "C": (("Youngseo Kim", "Minju Jang", "Seo-Hyun Yang"), ("Ho Bae",)),
        "D": (("Yi Deng", "Bo Wang", "Al Zhou"), ("Di Ma",)),
        "E": (("Gunwoo Lee", "Yoori Oh", "Yoseob Han"), ("Yoseob Han",)),  # marks and the field together
    }
    assert (
        papers["E"].review
        == "`corresponding_author` names 'Jane Roe', not found among the authors: add them to `corresponding` by hand if they are"
    )
    assert [str(w) for w in problems.warnings] == [
        "roles.bib:9: warning: entry 'e': `corresponding_author` names 'Jane Roe', not found among the authors:"
        " add them to `corresponding` by hand if they are (see the paper's `review`)"
    ]


def test_percent_comments_between_fields_and_entries_are_comments_and_a_percent_in_a_value_is_text(tmp_path):
    """al-folio files comment their fields (`selected = {true}, % shown on the About page`) and
    comment fields out; BibTeX-style parsers would read the comment into the next field's name."""
    (paper,), problems = bib_papers(
        tmp_path,
        "% Publications of the lab {2025}\n"
        "@unpublished{a,\n"
        "  title = {Cutting 50% {of} costs}, % the title as accepted\n"
        "  author = {张友浪 and 王培杰},\n"
        "  % pdf = {draft.pdf},\n"
        '  url = "https://example.org/a%20b",\n'
        "  year = {2025},\n"
        "  selected = {true},   % 作为 selected publication 出现在 about 页\n"
        "  bibtex_show = {true} % last\n"
        "}\n"
        "% @article{gone, title = {Commented out}, year = 2020}\n",
        "comments.bib",
    )
    assert (paper.title, paper.authors, paper.selected, paper.pdf) == ("Cutting 50% of costs", ("张友浪", "王培杰"), True, "")
    assert paper.links == {"url": "https://example.org/a%20b"}
    assert problems.warnings == []


def test_math_mendeley_escaped_is_math_in_the_page_and_in_the_exported_title(tmp_path):
    (paper,), _ = bib_papers(
        tmp_path,
        "Automatically generated by Mendeley Desktop 1.19.8\n\n"
        "@article{Lee2020,\nabstract = {Only {\\$}p{\\textless}0.05{\\$} for {\\$}5.},\nauthor = {Lee, Ann},\n"
        "journal = {Cell Reports},\ntitle = {{Cells respond to {\\$}\\alpha{\\$}-signals}},\nyear = {2020}\n}\n",
        "mendeley.bib",
    )
    assert (paper.title, paper.bibtex_title) == ("Cells respond to $\\alpha$-signals", "{Cells respond to $\\alpha$-signals}")
    assert paper.body == "Only $p<0.05$ for \\$5."


def test_a_papers_own_latex_commands_are_shown_by_their_names_and_named_in_the_review(tmp_path):
    (paper,), problems = bib_papers(
        tmp_path,
        "@inproceedings{a, title = {\\sysname: Fast \\mbox{GPT-4} Serving}, author = {Lee, Ann}, year = 2024,\n"
        "  booktitle = {Proc. \\LaTeX{} Users}, note = {Code at \\href{https://github.com/x/y}{GitHub}}}\n",
        "macros.bib",
    )
    assert (paper.title, paper.venue, paper.note) == (
        "sysname: Fast GPT-4 Serving",
        "Proc. LaTeX Users",
        "Code at GitHub <https://github.com/x/y>",
    )
    assert paper.review == "its `title` uses `\\sysname`, a command defined elsewhere: shown as 'sysname'; write what it stands for"
    assert paper.bibtex_title == ""  # exports write the title as shown: `\\sysname` would stop anyone's LaTeX
    assert len(problems.warnings) == 1 and problems.errors == []


def test_an_ads_journal_macro_is_the_journal_and_its_short_name_and_ids_become_links(tmp_path):
    """NASA ADS writes `journal = {\\apj}`, a macro only AASTeX defines: read as LaTeX, the venue
    was lost. Its `adsurl` and PubMed's `pmid` are the paper's pages there."""
    (ads, mnras, unknown), problems = bib_papers(
        tmp_path,
        "@ARTICLE{2020ApJ...900...10L, author = {{Lee}, Ann and {van der Berg}, Pieter},\n"
        '  title = "{Dust: H$\\alpha$ at z $\\sim$ 2}", journal = {\\apj}, year = 2020, month = sep,\n'
        "  adsurl = {https://ui.adsabs.harvard.edu/abs/2020ApJ...900...10L},\n"
        "  adsnote = {Provided by the SAO/NASA Astrophysics Data System}}\n"
        "@ARTICLE{k, author = {{Kim}, Jo}, title = {Stars}, journal = {{\\mnras}}, abbr = {MN}, year = 2021}\n"
        "@article{m, author = {Lee, Ann}, title = {Cells}, journal = {\\jcellbio}, year = 2019, pmid = {28288112}, pmcid = {pmc5350000}}\n",
        "ads.bib",
    )
    assert (ads.authors, ads.venue, ads.venue_short) == (("Ann Lee", "Pieter van der Berg"), "The Astrophysical Journal", "ApJ")
    assert ads.links == {"ads": "https://ui.adsabs.harvard.edu/abs/2020ApJ...900...10L"}
    assert (mnras.venue, mnras.venue_short) == ("Monthly Notices of the Royal Astronomical Society", "MN")  # the entry's abbr wins
    assert unknown.venue == "jcellbio"  # a macro nobody defined: kept as written, and said
    assert unknown.review == "its `journal` uses `\\jcellbio`, a command defined elsewhere: shown as 'jcellbio'; write what it stands for"
    assert unknown.links == {
        "pubmed": "https://pubmed.ncbi.nlm.nih.gov/28288112/",
        "pmc": "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC5350000/",
    }
    assert [w.message for w in problems.warnings if "not imported" in w.message] == []  # adsnote is bookkeeping


def test_mathscinet_and_zbmath_give_the_full_journal_and_their_reviews_as_links(tmp_path):
    """MathSciNet and zbMATH write the journal's abbreviation in `journal` and its name in
    `fjournal`: the page said *Acta Math.*, and their reviews (`MRNUMBER`, `Zbl`) were left out."""
    (mr, old, zbl, bad), problems = bib_papers(
        tmp_path,
        "@article {MR2784665, AUTHOR = {Tao, Terence and Vu, Van}, TITLE = {Random matrices}, JOURNAL = {Acta Math.},\n"
        "  FJOURNAL = {Acta Mathematica}, YEAR = {2011}, MRCLASS = {60B20}, MRNUMBER = {2784665}}\n"
        "@article {MR1, AUTHOR = {Lee, Ann}, TITLE = {Primes}, JOURNAL = {Ann. of Math. (2)}, YEAR = {1995},\n"
        "  MRNUMBER = {MR1333035 (96d:11071)}}\n"
        "@article{zb, Author = {Kim, Bo}, Title = {Waves}, FJournal = {Journal of Functional Analysis},\n"
        "  Journal = {J. Funct. Anal.}, Year = {2017}, zbMATH = {6686711}, Zbl = {1360.35192}}\n"
        "@article{x, author = {Kim, Bo}, title = {Tides}, journal = {J. Funct. Anal.}, year = {2018}, mrnumber = {pending}}\n",
        "math.bib",
    )
    assert (mr.venue, mr.links) == ("Acta Mathematica", {"mathscinet": "https://mathscinet.ams.org/mathscinet-getitem?mr=2784665"})
    assert (old.venue, old.links) == ("Ann. of Math. (2)", {"mathscinet": "https://mathscinet.ams.org/mathscinet-getitem?mr=1333035"})
    assert (zbl.venue, zbl.links) == ("Journal of Functional Analysis", {"zbmath": "https://zbmath.org/?q=an:1360.35192"})
    assert bad.links == {} and bad.review == "its `mrnumber` 'pending' is not a MathSciNet id: left out"
    (hep,), _ = bib_papers(tmp_path, "@article{h, title = {Higgs}, author = {Aad, G.}, year = 2012, inspirehep_id = {1124337}}\n")
    assert hep.links == {"inspire": "https://inspirehep.net/literature/1124337"}  # al-folio's id of the paper on INSPIRE
    (unread,) = [w.message for w in problems.warnings if "not imported" in w.message]
    assert "fjournal" not in unread and "mrnumber" not in unread and "`mrclass` (1 entry)" in unread


def test_an_ads_e_prints_pages_are_its_arxiv_id_not_pages(tmp_path):
    """ADS gives an arXiv e-print `eid` and `pages` of `arXiv:2204.12345`: the citations said
    `pages 2204.12345`, and without `eprint` the paper had no arXiv id. A paper's real pages, and
    an id that is not the paper's, stay."""
    (with_eprint, without, other), _ = bib_papers(
        tmp_path,
        "@ARTICLE{a, author = {{Doe}, Jane}, title = {Exoplanets}, journal = {arXiv e-prints}, year = 2022,\n"
        "  eid = {arXiv:2204.12345}, pages = {arXiv:2204.12345}, archivePrefix = {arXiv}, eprint = {2204.12345}}\n"
        "@ARTICLE{b, author = {{Doe}, Jane}, title = {Moons}, journal = {arXiv e-prints}, year = 2021,\n"
        "  eid = {arXiv:2104.00001}, pages = {arXiv:2104.00001}}\n"
        "@ARTICLE{c, author = {{Doe}, Jane}, title = {Rings}, journal = {\\apjl}, year = 2020, pages = {L1},\n"
        "  eprint = {2001.00002}, archivePrefix = {arXiv}}\n",
        "ads.bib",
    )
    assert (with_eprint.arxiv, with_eprint.pages) == ("2204.12345", "")
    assert (without.arxiv, without.pages) == ("2104.00001", "")
    assert (other.arxiv, other.pages) == ("2001.00002", "L1")


def test_an_address_in_howpublished_or_note_is_the_papers_link_and_the_words_its_venue(tmp_path):
    """Software, data and web pages are cited with `howpublished = {\\url{…}}`: the address was lost."""
    (tool, post, data), _ = bib_papers(
        tmp_path,
        "@misc{sw, title={FastTool}, author={Lee, Ann}, year=2023, howpublished={\\url{https://github.com/lab/fasttool}}}\n"
        "@misc{web, title={Post}, author={Lee, Ann}, year=2024, howpublished={Blog, \\url{https://lab.org/blog/post}}}\n"
        "@misc{d, title={Data}, author={Lee, Ann}, year=2024, note={Available at https://zenodo.org/records/1.}}\n",
    )
    assert (tool.venue, tool.links) == ("", {"code": "https://github.com/lab/fasttool"})
    assert (post.venue, post.links) == ("Blog", {"url": "https://lab.org/blog/post"})
    assert data.links == {"url": "https://zenodo.org/records/1"}


def test_commands_the_preamble_defines_to_print_nothing_are_left_out_with_their_arguments(tmp_path):
    """`@preamble{"\\newcommand{\\noopsort}[1]{}"}` lets a .bib sort `de Vries` under V: the
    sorting key was printed into the name (`Jan noopsortVriesde Vries`), and any other name the
    preamble gives such a command too."""
    (paper,), problems = bib_papers(
        tmp_path,
        '@preamble{"\\newcommand{\\noopsort}[1]{} \\providecommand{\\sortas}[1]{}" # "\\def\\Hide#1#2{}"}\n'
        '@preamble{"\\newcommand\\Nix{}"}\n'
        "@article{a, author = {{\\noopsort{Vries}}{de Vries}, Jan and \\sortas{Zz}{van Dam}, Piet and \\Hide{x}{y}Lee, Ann"
        " and \\Nix Chen, Bo}, title = {\\sortas{b}Things}, journal = {J}, year = 2020}\n",
    )
    assert (paper.authors, paper.title) == (("Jan de Vries", "Piet van Dam", "Ann Lee", "Bo Chen"), "Things")
    assert (paper.review, problems.items) == ("", [])


def test_a_file_with_no_entry_is_said_and_one_of_macros_alone_is_not(tmp_path):
    """`site-builder import notes.bib` said `imported: 0 added` and nothing else."""
    from site_builder.importing.bibimport import read_bibtex_files

    for name, text in (("empty.bib", ""), ("notes.bib", "just some notes\n"), ("IEEEabrv.bib", '@string{ieee = "IEEE"}\n')):
        (tmp_path / name).write_text(text, encoding="utf-8")
    problems = Problems()
    paths = [tmp_path / n for n in ("empty.bib", "notes.bib", "IEEEabrv.bib")]
    assert read_bibtex_files(paths, Registry(), problems, None, [], dt.date(2026, 12, 7), shown=[p.name for p in paths]) == []
    assert [str(w) for w in problems.warnings] == [
        f"{name}: warning: this file holds no BibTeX entry (check that it is the .bib you exported)" for name in ("empty.bib", "notes.bib")
    ]


def test_bibdesks_link_field_is_the_papers_link_when_it_has_no_url(tmp_path):
    """BibDesk keeps the links dropped on an entry in `Bdsk-Url-1`, often its only address: it was
    read as BibDesk's bookkeeping and left out without a word."""
    (page, doi, both), _ = bib_papers(
        tmp_path,
        "@inproceedings{a, title={A}, author={Lee, Ann}, year=2021, Bdsk-Url-1={https://proceedings.mlr.press/v139/lee21a.html}}\n"
        "@article{b, title={B}, author={Lee, Ann}, year=2021, Bdsk-Url-1={https://doi.org/10.1145/3458817.3476165}}\n"
        "@article{c, title={C}, author={Lee, Ann}, year=2021, Url={https://lab.org/c}, Bdsk-Url-1={https://lab.org/c},"
        " Bdsk-Url-2={https://lab.org/c-slides}}\n",
    )
    assert page.links == {"url": "https://proceedings.mlr.press/v139/lee21a.html"}
    assert (doi.doi, doi.links) == ("10.1145/3458817.3476165", {})
    assert both.links == {"url": "https://lab.org/c"}


def test_a_link_written_as_html_is_the_address_it_links(tmp_path):
    """Some sites keep `url = {doi:<a href="https://doi.org/…">…</a>}` in their .bib (their pages
    show the field as it is): the address was taken for the whole text and left out."""
    (paper, doi), _ = bib_papers(
        tmp_path,
        "@article{a, title={A}, author={Lee, Ann}, year=2020, url={<a href='https://lab.org/a?x=1&amp;y=2'>Paper</a>},\n"
        '  code={<A HREF="https://github.com/lab/a" target="_blank">code</A>}}\n'
        '@article{b, title={B}, author={Lee, Ann}, year=2021, url={doi:<a href="https://doi.org/10.1016/j.cma.2026.118735">10.1016/j.cma.2026.118735</a>}}\n',
    )
    assert (paper.links, paper.review) == ({"code": "https://github.com/lab/a", "url": "https://lab.org/a?x=1&y=2"}, "")
    assert (doi.doi, doi.links, doi.review) == ("10.1016/j.cma.2026.118735", {}, "")


def test_an_abbr_that_labels_a_research_area_is_a_topic_not_a_venue_badge(tmp_path):
    """Some al-folio sites give `abbr` their research area (`MI` for medical imaging) on papers
    of many venues: as a badge it read "MI 2025" beside IEEE Access."""
    area = "".join(
        f"@article{{m{n}, title={{Paper {n}}}, author={{Han, Yoseob}}, year=2025, abbr={{{abbr}}}, journal={{{venue}}}}}\n"
        for n, (abbr, venue) in enumerate(
            [
                ("MI", "IEEE Access"),
                ("mi", "Medical Physics"),
                ("MI", "IEEE International Conference on Acoustics, Speech and Signal Processing (ICASSP)"),
                ("NeurIPS", "Advances in Neural Information Processing Systems"),
                ("NeurIPS", "NeurIPS 2023 Workshop on Shapes"),
                ("NeurIPS", "Thirty-Seventh Conference on Neural Information Processing Systems"),
                ("RA-L", "IEEE Robotics and Automation Letters"),
                ("RA-L", "IEEE Robot. Autom. Lett."),
                ("IEEE TIP", "IEEE Transactions on Image Processing"),
                ("IEEE TIP", "IEEE Trans. Image Process."),
                ("IP", "British Machine Vision Conference (BMVC)"),
            ]
        )
    )
    papers, problems = bib_papers(tmp_path, area)
    assert [(p.venue_short, p.topics) for p in papers] == [
        *[("", ("MI",))] * 3,  # one topic, however each entry spells it
        *[("NeurIPS", ())] * 3,
        *[("RA-L", ())] * 2,
        *[("IEEE TIP", ())] * 2,
        ("IP", ()),  # one venue: nothing says it is not BMVC's
    ]
    assert [str(w) for w in problems.warnings] == [
        "test.bib: warning: `abbr` 'MI' is on papers of 3 venues (IEEE Access, IEEE International Conference on Acoustics, "
        "Speech and Signal Processing (ICASSP), Medical Physics) and is the short name of none of them: it is imported as "
        "their topic, not as a venue badge (rename the topic in those papers' `topics` if you like)"
    ]


def test_two_abbrs_that_cannot_name_one_venue_are_topics(tmp_path):
    """A venue has one short name: 4ILab's site gives one BMVC paper `abbr = {AP}` (audio
    processing) and another `{IP}` (image processing), and each was a venue badge ("IP 2026"
    beside BMVC). Two labels on a venue that fit it not label groups of papers; a label that
    fits, or that fits most of its venues, stays the badge."""
    papers, problems = bib_papers(
        tmp_path,
        "".join(
            f"@inproceedings{{k{n}, title={{Paper {n}}}, author={{Han, Yoseob}}, year=2026, abbr={{{abbr}}}, booktitle={{{venue}}}}}\n"
            for n, (abbr, venue) in enumerate(
                [
                    ("AP", "British Machine Vision Conference (BMVC)"),
                    ("IP", "British Machine Vision Conference (BMVC)"),
                    ("Nat. Comm.", "Nature Communications"),
                    ("NC", "Nature Communications"),
                    ("CVPR", "British Machine Vision Conference (BMVC)"),  # a slip: CVPR names its other papers' venue
                    ("CVPR", "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"),
                    ("CVPR", "Conference on Computer Vision and Pattern Recognition"),
                ]
            )
        ),
    )
    assert [(p.venue_short, p.topics) for p in papers] == [
        ("", ("AP",)),
        ("", ("IP",)),
        ("Nat. Comm.", ()),
        ("NC", ()),
        *[("CVPR", ())] * 3,
    ]
    assert [str(w) for w in problems.warnings] == [
        f"test.bib: warning: `abbr` {a!r} and {b!r} are both on papers of British Machine Vision Conference (BMVC), whose "
        "short name neither is: it is imported as their topic, not as a venue badge (rename the topic in those papers' "
        "`topics` if you like)"
        for a, b in [("AP", "IP"), ("IP", "AP")]
    ]


def test_an_abbr_that_names_a_citation_index_is_a_topic_even_on_one_paper(tmp_path):
    """Labs in Korea and China mark where a journal is indexed (`abbr = {SCIE}`, `{SCOPUS}`):
    as a badge it read "SCIE 2022" beside the journal's name, on one paper as on many."""
    papers, problems = bib_papers(
        tmp_path,
        "@article{a, title={Pilot}, author={Lee, Younghan}, year=2022, abbr={SCIE}, journal={CIN: Computers, Informatics, Nursing}}\n"
        "@article{b, title={Evade}, author={Lee, Younghan}, year=2021, abbr={SCOPUS}, journal={IEEE Transactions on Artificial Intelligence}}\n"
        "@inproceedings{c, title={Guard}, author={Lee, Younghan}, year=2023, abbr={ESORICS}, booktitle={European Symposium on Research in Computer Security}}\n",
    )
    assert [(p.venue_short, p.topics) for p in papers] == [("", ("SCIE",)), ("", ("SCOPUS",)), ("ESORICS", ())]
    assert "test.bib: warning: `abbr` 'SCIE' names a citation index, not a venue: it is imported as their topic" in str(
        problems.warnings[0]
    )


def test_semantic_scholars_export_gives_its_venue_and_arxiv_id(tmp_path):
    """Semantic Scholar exports every paper as `@Article`, a conference's name in `booktitle`,
    and an arXiv preprint as `journal = {ArXiv}, volume = {abs/…}`: the venue was empty and the
    preprint a journal article without its arXiv id."""
    (nips, llama, resnet), _ = bib_papers(
        tmp_path,
        "@Article{v, author = {Ashish Vaswani}, booktitle = {Neural Information Processing Systems}, title = {Attention}, year = {2017},\n"
        "  pages = {5998-6008}}\n"
        "@Article{t, author = {Hugo Touvron}, booktitle = {arXiv.org}, journal = {ArXiv}, title = {LLaMA},\n"
        "  volume = {abs/2302.13971}, year = {2023}}\n"
        "@Inproceedings{h, author = {Kaiming He}, journal = {2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)},\n"
        "  title = {ResNet}, year = {2016}}\n",
    )
    assert (nips.venue, nips.type, nips.pages) == ("Neural Information Processing Systems", "conference", "5998--6008")
    assert (llama.venue, llama.arxiv, llama.type) == ("ArXiv", "2302.13971", "preprint")
    assert (resnet.venue, resnet.type) == ("2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)", "conference")


def test_proceedings_the_lab_edited_are_a_paper_and_a_volume_papers_crossref_is_not(tmp_path):
    (paper, edited), _ = bib_papers(
        tmp_path,
        "@inproceedings{p1, title = {A Paper}, author = {Kim, Jo}, crossref = {conf}, pages = {1--2}}\n"
        "@proceedings{conf, title = {Proc. of CONF 2023}, year = 2023, publisher = {ACM}}\n"
        "@proceedings{ws, title = {Proceedings of the Workshop on Shapes}, editor = {Melzi, Simone and Lee, Ann},\n"
        "  publisher = {Springer}, series = {LNCS}, volume = {15000}, year = 2024}\n",
    )
    assert (paper.title, paper.venue) == ("A Paper", "Proc. of CONF 2023")
    assert (edited.title, edited.authors, edited.editors) == (
        "Proceedings of the Workshop on Shapes",
        ("Simone Melzi", "Ann Lee"),
        ("Simone Melzi", "Ann Lee"),
    )
    assert (edited.type, edited.bibtex_type, edited.publisher, edited.series) == ("book", "proceedings", "Springer", "LNCS")


def test_a_link_that_is_no_web_address_is_left_out_and_said(tmp_path):
    """The paper file the import writes must be one the build reads: it rejects such links."""
    (paper,), _ = bib_papers(
        tmp_path,
        "@misc{a, title={A}, author={Lee, Ann}, year=2020, url={https://[oops/x}, code={javascript:alert(1)}, pdf={https://a.org/p.pdf}}\n",
    )
    assert (paper.links, paper.pdf) == ({}, "https://a.org/p.pdf")
    assert paper.review == (
        "its `code` 'javascript:alert(1)' is not a web address: left out; its url link 'https://[oops/x' is not a web address: left out"
    )


def test_an_undefined_macro_stands_in_its_own_place_and_the_paper_says_so(tmp_path):
    """`journal = IEEE_J_PAMI` needs IEEEabrv.bib, which the lab did not export."""
    (paper,), problems = bib_papers(tmp_path, "@article{a, title={A}, author={Lee, Ann}, year=2020, journal=IEEE_J_PAMI, month=jun}\n")
    assert (paper.venue, paper.date.month) == ("IEEE_J_PAMI", 6)
    assert paper.review == "it uses the macro `IEEE_J_PAMI`, which the .bib does not define: its name stands in its place"
    assert [str(w) for w in problems.warnings] == [
        "test.bib:1: warning: entry 'a' uses the undefined macro 'IEEE_J_PAMI' (define it with @string{IEEE_J_PAMI = ...})"
    ]


def test_pubmed_ids_under_other_names_and_as_pages_become_links_and_a_wrong_one_is_said(tmp_path):
    (mdpi, page, wrong), _ = bib_papers(
        tmp_path,
        "@article{a, author = {Wu, Ben}, title = {A}, journal = {Sensors}, year = 2021, PubMedID = {33561972}}\n"
        "@article{b, author = {Wu, Ben}, title = {B}, journal = {J}, year = 2021, pubmed = {https://pubmed.ncbi.nlm.nih.gov/1/}}\n"
        "@article{c, author = {Wu, Ben}, title = {C}, journal = {J}, year = 2021, pmid = {PMC123}}\n",
    )
    assert mdpi.links == {"pubmed": "https://pubmed.ncbi.nlm.nih.gov/33561972/"}
    assert page.links == {"pubmed": "https://pubmed.ncbi.nlm.nih.gov/1/"}
    assert (wrong.links, wrong.review) == ({}, "its `pmid` 'PMC123' is not a PubMed id: left out")


def test_marks_that_only_look_like_asterisks_are_marks_and_marks_before_a_name_too(tmp_path):
    """A byline copied from a PDF carries the asterisk operator `∗`; some labs put the mark first."""
    (paper,), _ = bib_papers(
        tmp_path,
        "@inproceedings{a, title = {A}, year = 2022, author = {Qiu, Chenxi and ∗Yadav, Sourabh and *Pang, Ce and Fu＊, Song}}\n",
    )
    assert paper.authors == ("Chenxi Qiu", "Sourabh Yadav", "Ce Pang", "Song Fu")
    assert paper.equal_contribution == ("Sourabh Yadav", "Ce Pang", "Song Fu")


def test_inline_html_of_exports_in_titles_and_venues_becomes_text_and_italics(tmp_path):
    (paper,), _ = bib_papers(
        tmp_path,
        "@article{a, title = {Regulation of <i>lacZ</i> in <em>E. coli</em> under CO<sub>2</sub> and $a<b>c$},\n"
        "  author = {Lee, Ann}, journal = {Nature <br/> Methods}, year = 2020, abbr = {J. Intell. <br> Connect. Veh.}}\n",
        "html.bib",
    )
    assert paper.title == "Regulation of \\emph{lacZ} in \\emph{E. coli} under CO₂ and $a<b>c$"  # math is math, italics stay
    assert paper.bibtex_title == ""  # exports write the title as shown: LaTeX would print the tags
    assert (paper.venue, paper.venue_short) == ("Nature Methods", "J. Intell. Connect. Veh.")


def test_a_titles_script_without_unicode_forms_is_math_and_shows_as_one(tmp_path):
    """`T<sub>eff</sub>` (Crossref's, ADS's): no Unicode subscript `eff`, so math, which the page
    shows as a subscript, BibTeX keeps as LaTeX, and meta tags write as `T_eff`."""
    (paper,), _ = bib_papers(
        tmp_path,
        "@article{a, title = {The T<sub>eff</sub> Scale of CO<sub>2</sub>-rich Dwarfs}, author = {Lee, Ann}, year = 2020}\n",
        "ads.bib",
    )
    assert paper.title == "The T$_{\\mathrm{eff}}$ Scale of CO₂-rich Dwarfs"
    assert plain_title(paper.title) == "The T_eff Scale of CO₂-rich Dwarfs"
    shown = title_html(paper.title)
    assert "<msub><mi />" in shown and '<mi mathvariant="normal">e</mi>' in shown


def test_ieee_and_crossref_formulas_become_math(tmp_path):
    """IEEE Xplore exports a title's math as JATS with a picture of it beside the TeX."""
    (paper,), _ = bib_papers(
        tmp_path,
        "@ARTICLE{TMC2018, author={Qiu, Chenxi}, journal={IEEE Transactions on Mobile Computing}, year={2018},\n"
        '  title={[A+] A Cooperation Mechanism for <inline-formula><tex-math notation="LaTeX"> $k$</tex-math><alternatives>'
        '<inline-graphic xlink:href="qiu-ieq1-2767048.gif" xmlns:xlink="http://www.w3.org/1999/xlink"/></alternatives>'
        "</inline-formula> -Coverage Hole Detection},\n"
        "  abstract={Bounds for <mml:math><mml:mi>k</mml:mi><mml:mo>+</mml:mo><mml:mn>1</mml:mn></mml:math> colorings and"
        " <jats:inline-formula><jats:tex-math>\\alpha</jats:tex-math></jats:inline-formula> rates.}}\n",
    )
    assert paper.title == "[A+] A Cooperation Mechanism for $k$-Coverage Hole Detection"
    assert paper.body == "Bounds for $k+1$ colorings and $\\alpha$ rates."
    assert paper.bibtex_title == ""  # exported as shown, without the tags


def test_a_crossref_abstract_loses_its_abstract_heading_and_keeps_its_inline_formula_inline(tmp_path):
    """Crossref's abstracts start with `<jats:title>Abstract</jats:title>`, which the page's own
    heading says already, and write an inline formula's TeX as display math, `$$…$$`."""
    (paper,), _ = bib_papers(
        tmp_path,
        "@article{k, title={Fast Solvers}, author={Kim, Ann}, journal={J}, year={2021},\n"
        "  abstract={<jats:title>Abstract</jats:title><jats:p>A solver for <jats:inline-formula><jats:alternatives>"
        "<jats:tex-math>$$\\mathcal{O}(n\\log n)$$</jats:tex-math><mml:math><mml:mi>O</mml:mi></mml:math></jats:alternatives>"
        "</jats:inline-formula> problems.</jats:p><jats:title>Results</jats:title><jats:p>Fast.</jats:p>}}\n",
    )
    assert paper.body == "A solver for $\\mathcal{O}(n\\log n)$ problems.\n\n**Results**\n\nFast."


def test_fields_the_site_does_not_use_are_named_once_with_how_many_entries_have_them(tmp_path):
    """Nothing is dropped without a word: fields no paper takes are listed in one warning;
    reference managers' own bookkeeping (DBLP's `timestamp`, BibDesk's `bdsk-url-1`) is not."""
    found, problems = bib_papers(
        tmp_path,
        "@article{a, title = {A}, author = {Lee, Ann}, journal = {J}, year = 2026, pubstatus = {accepted}, issn = {1234-5678},\n"
        "  timestamp = {Mon, 01 Jan 2024}, biburl = {https://dblp.org/rec/a}, bdsk-url-1 = {https://x.org}, bibtex_show = {true},\n"
        "  priority = {prio1}, ranking = {rank5}, readstatus = {read}}\n"  # JabRef's
        "@article{b, title = {B}, author = {Lee, Ann}, journal = {J}, year = 2025, pubstatus = {published}, cofirst = {1}}\n"
        "@article{c, title = {C}, author = {Lee, Ann}, journal = {J}, year = 2024, doi = {10.1000/c}}\n"
        "@article{d, title = {D}, author = {Lee, Ann}, journal = {J}, year = 2023, note = {1432-2072\nLee, Ann\nOrcid: 0000-0002-1825-0097\n"
        "U01 DA044451/DA/NIDA NIH HHS/United States\nJournal Article\nGermany}}\n"  # EndNote's copy of a PubMed record
        "@article{e, title = {E}, author = {Lee, Ann}, journal = {J}, year = 2022, note = {In press}}\n",
        "extra.bib",
    )
    papers = {p.title: p for p in found}
    assert (papers["D"].note, papers["E"].note) == ("", "In press")
    assert [str(w) for w in problems.warnings] == [
        "extra.bib: warning: fields the site does not use were not imported: `issn` (1 entry),"
        " `note` (1 entry, each a reference manager's record of 5 lines or more), `pubstatus` (2 entries)"
        " (they stay in the file imported; what matters of them can go into a paper's `note` or its text by hand)"
    ]
    _, problems = bib_papers(tmp_path, "@article{c, title = {C}, author = {Lee, Ann}, journal = {J}, year = 2024, doi = {10.1000/c}}\n")
    assert problems.warnings == []


def test_a_repository_named_in_a_bib_abstract_becomes_the_code_link_unless_the_entry_has_one(tmp_path):
    (a, b), _ = bib_papers(
        tmp_path,
        "@inproceedings{a, title = {A}, author = {Lee, Ann}, year = 2025,\n"
        "  abstract = {We study shapes. Code and data are openly available at: https://github.com/lab/shapes.}}\n"
        "@inproceedings{b, title = {B}, author = {Lee, Ann}, year = 2025, code = {https://github.com/lab/own},\n"
        "  abstract = {Built on https://github.com/other/base. See https://doi.org/10.1000/x.}}\n",
        "abstracts.bib",
    )
    assert a.links == {"code": "https://github.com/lab/shapes"}
    assert b.links == {"code": "https://github.com/lab/own"}


def test_latex_text_scripts_in_a_title_are_read_as_scripts_not_run_into_the_text(tmp_path):
    """`10\\textsuperscript{5}` was `105`: a number changed. The commands are read as the tags
    they mean: Unicode where it has the characters, math where not, an ordinal as its word."""
    (paper,), _ = bib_papers(
        tmp_path,
        "@article{a, title = {CO\\textsubscript{2} at 10\\textsuperscript{5} Pa, T\\textsubscript{eff} of 1\\textsuperscript{st} Stars},"
        " author = {Lee, Ann}, journal = {Journal of CO\\textsubscript{2} Utilization}, year = 2020}\n",
    )
    assert paper.title == "CO₂ at 10⁵ Pa, T$_{\\mathrm{eff}}$ of 1st Stars"
    assert paper.venue == "Journal of CO₂ Utilization"  # every field: a venue is text, Unicode or the letters


def test_names_in_chinese_japanese_or_korean_script_are_shown_family_name_first(tmp_path):
    assert [parse_name(n).display for n in ("李, 明", "山田, 太郎", "김, 철수", "Li, Ming", "李, Ming", "李 明")] == [
        "李明", "山田太郎", "김철수", "Ming Li", "Ming 李", "李 明",  # without a comma the written order stays
    ]  # fmt: skip
    root = copy_site(tmp_path / "site", with_papers=False)
    bib = tmp_path / "cjk.bib"
    bib.write_text(
        "@article{li2024, title = {高效推理}, author = {李, 明 and Smith, John}, journal = {J}, year = 2024}\n", encoding="utf-8"
    )
    assert run(root, "import", str(bib)) == 0
    (paper,) = load_papers(root, Problems())
    assert paper.authors == ("李明", "John Smith")
    out = build(root)
    assert (out / "authors/li-ming/index.html").is_file()  # the slug reads family name first too
    assert "author = {李, 明 and Smith, John}" in (out / "publications.bib").read_text(encoding="utf-8")


def test_a_book_shows_its_publisher_where_a_paper_shows_its_venue(tmp_path):
    root = copy_site(tmp_path / "site", with_papers=False)
    bib = tmp_path / "books.bib"
    bib.write_text(
        "@book{dl, title = {Deep Learning}, author = {Goodfellow, Ian and Bengio, Yoshua}, publisher = {MIT Press}, year = 2016}\n"
        "@article{a, title = {Cells}, author = {Lee, Ann}, journal = {Cell}, publisher = {Elsevier}, year = 2021}\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(bib)) == 0
    out = build(root)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<span class="venue">MIT Press</span>' in home and '<span class="venue">Cell</span>' in home
    assert '<span class="venue">Elsevier</span>' not in home  # a journal's publisher is no venue
    assert "<dt>Publisher</dt><dd>MIT Press</dd>" in (out / "papers/deep-learning/index.html").read_text(encoding="utf-8")
    assert "<dt>Publisher</dt><dd>Elsevier</dd>" in (out / "papers/cells/index.html").read_text(encoding="utf-8")


HUGO_BLOX_PAGE = """\
---
title: 'An example conference paper'
# the site's owner: replaced by the name on their profile
authors:
  - admin
  - Robert Ford
author_notes:
  - 'Equal contribution'
  - 'Equal contribution'
date: '2013-07-01T00:00:00Z'
publishDate: '2017-01-01T00:00:00Z'
publication_types: ['paper-conference']
publication: In *Hugo Blox Builder Conference*
publication_short: In *ICW*
abstract: We study examples.
featured: true
tags: [Source Themes, Source Themes, 7]
links:
  - name: Custom Link
    url: http://example.org
  - type: slides
    url: https://example.org/slides
url_pdf: ''
url_code: 'https://github.com/HugoBlox/hugo-blox-builder'
url_video: 'https://youtube.com/watch?v=x'
image:
  caption: 'Image credit: [**Unsplash**](https://unsplash.com/)'
---

{{% callout note %}}
Click the _Cite_ button above.
{{% /callout %}}
"""


def test_a_hugo_blox_site_moves_with_its_pages_links_and_files(tmp_path, capsys):
    """`site-builder import old-site/content/publication`: each page's `cite.bib` is completed by
    the page (its links, `featured`, author notes, short venue); a page without one is read on
    its own, in YAML or in older sites' TOML; its bundled PDF and picture come along."""
    root = copy_site(tmp_path / "site", with_papers=False)
    content = tmp_path / "old/content"
    (content / "authors/admin").mkdir(parents=True)
    (content / "authors/admin/_index.md").write_text("---\n# Display name\ntitle: Nelson Bighetti\n---\n", encoding="utf-8")
    (content / "authors/jane").mkdir()
    (content / "authors/jane/_index.md").write_text("---\ntitle: Jane Doe\n---\n", encoding="utf-8")  # a member's profile
    publication = content / "publication"
    for name in ("conference-paper", "journal-article", "preprint", "broken"):
        (publication / name).mkdir(parents=True)
    (publication / "_index.md").write_text("---\ntitle: Publications\n---\n", encoding="utf-8")
    (publication / "conference-paper/index.md").write_text(HUGO_BLOX_PAGE, encoding="utf-8")
    (publication / "conference-paper/cite.bib").write_text(
        "@inproceedings{example1, title={An example conference paper}, author={Bighetti, Nelson and Ford, Robert},\n"
        "  booktitle={Hugo Blox Builder Conference}, year={2013}}\n",
        encoding="utf-8",
    )
    (publication / "journal-article/index.md").write_text(
        '+++\ntitle = "An example journal article"\ndate = 2015-09-01T00:00:00\nauthors = ["admin", "Robert Ford", "jane"]\n'
        'publication_types = ["2"]\npublication = "*Journal of Source Themes, 1*(1)"\nabstract = "We study quantization."\n'
        'url_pdf = "http://arxiv.org/pdf/1512.04133v1"\ndoi = "10.1000/example.2015"\ntags = ["Compression"]\n+++\n',
        encoding="utf-8",
    )
    (publication / "preprint/index.md").write_text(
        '---\ntitle: "An example preprint"\nauthors: [admin]\ndate: "2019-04-07T00:00:00Z"\npublication_types: ["3"]\n'
        "abstract: |\n  First paragraph.\n\n  Second, with $x$.\n---\n",
        encoding="utf-8",
    )
    featured = picture(publication / "preprint/featured.jpg", (32, 18), "red").read_bytes()
    (publication / "preprint/preprint.pdf").write_bytes(b"%PDF-1.4 preprint")
    (publication / "broken/index.md").write_text("---\ntitle: Broken\nauthors: [a, b\n---\n", encoding="utf-8")
    assert run(root, "import", str(publication), "--as-of", "2026-12-06") == 0
    out, err = capsys.readouterr()
    assert "3 added" in out and "2 files copied into the site" in out and "1 entries could not be imported" in out
    assert "broken/index.md:3: warning: YAML syntax error" in err
    papers = {p.title: p for p in load_papers(root, Problems())}
    conference = papers["An example conference paper"]
    assert (conference.authors, conference.equal_contribution, conference.selected) == (
        ("Nelson Bighetti", "Robert Ford"), ("Nelson Bighetti", "Robert Ford"), True
    )  # fmt: skip
    assert (conference.venue, conference.venue_short, conference.bibtex_key) == ("Hugo Blox Builder Conference", "ICW", "example1")
    assert conference.links == {
        "code": "https://github.com/HugoBlox/hugo-blox-builder", "Custom Link": "http://example.org",
        "slides": "https://example.org/slides", "video": "https://youtube.com/watch?v=x",
    }  # fmt: skip
    assert conference.body == "We study examples." and conference.review == ""
    assert conference.topics == ("Source Themes", "7")  # the page's tags, which the old site linked
    journal = papers["An example journal article"]
    assert (journal.type, journal.venue, journal.doi, journal.arxiv, journal.date.isoformat()) == (
        "journal", "Journal of Source Themes, 1(1)", "10.1000/example.2015", "1512.04133", "2015-09-01"
    )  # fmt: skip
    assert journal.topics == ("Quantization", "Compression")  # the site's keyword topics, as for any import, and its tags
    assert journal.authors == ("Nelson Bighetti", "Robert Ford", "Jane Doe")  # profiles' keys are their names
    preprint = papers["An example preprint"]
    assert (preprint.type, preprint.pdf, preprint.image) == ("preprint", "/static/pdf/preprint.pdf", "preprint.jpg")
    assert preprint.body == "First paragraph.\n\nSecond, with $x$."
    assert (root / "content/papers/preprint.jpg").read_bytes() == featured
    assert (root / "static/pdf/preprint.pdf").read_bytes() == b"%PDF-1.4 preprint"
    out = build(root)
    assert "<dt>Topics</dt>" not in (out / "papers/an-example-preprint/index.html").read_text(encoding="utf-8")  # none: no row
    assert "<dt>Topics</dt>" in (out / "papers/an-example-journal-article/index.html").read_text(encoding="utf-8")
    assert run(root, "import", str(publication), "--as-of", "2026-12-06") == 0
    assert "0 added, 0 updated, 3 unchanged" in capsys.readouterr().out


ACADEMICPAGES_PAGE = """\
---
title: "Permutation-based true discovery guarantee by sum tests"
collection: publications
category: manuscripts
permalink: /publication/2023-permutation
excerpt: # 'This paper is about the number 1.'
date: 2023
venue: 'Journal of the Royal Statistical Society, Series B (Statistical Methodology)'
slidesurl: 'https://example.org/slides.pdf'
paperurl: 'https://vesely.github.io/files/vesely2023.pdf'
citation: 'Anna Vesely, Livio Finos, Jelle J. Goeman (2023). &quot;Permutation-based true discovery guarantee by sum tests&quot; <i>JRSS B</i> 85(3). https://doi.org/10.1093/jrsssb/qkad019'
---
Sum-based global tests are popular.

We propose a closed testing procedure.

{% include base_path %}

[Download paper here]({{ base_path }}/files/vesely2023.pdf)

Recommended citation: Anna Vesely, Livio Finos, Jelle J. Goeman (2023). "Permutation-based true discovery guarantee by sum tests."
"""


@pytest.mark.parametrize(
    ("front", "text", "body", "review"),
    [
        (
            "abstract: ''",
            "\n## Abstract\n\nWe study cells.\n\n[[code](https://github.com/lab/cells)]\n",
            "We study cells.",
            "its abstract is the page's own text",
        ),
        (
            "abstract: We study cells.",
            "\n{{< figure src=a.png >}}\n\nSee our [talk](https://x.org/t).\n",
            "We study cells.\n\nSee our [talk](https://x.org/t).",
            "kept after its abstract",
        ),
        (
            "abstract: We study cells.",
            "\nWe study cells.\n\n{{% callout note %}}\nClick the *Cite* button above to demo.\n{{% /callout %}}\n",
            "We study cells.",
            "",
        ),
    ],
)
def test_what_a_lab_wrote_on_a_hugo_blox_page_comes_along_said_in_review(tmp_path, front, text, body, review):
    root = copy_site(tmp_path / "site", with_papers=False)
    page = tmp_path / "content/publication/cells/index.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"---\ntitle: Cells\nauthors: [Ann Lee]\ndate: 2021-01-01\n{front}\n---\n{text}", encoding="utf-8")
    assert run(root, "import", str(page.parent.parent), "--as-of", "2026-12-06") == 0
    (paper,) = load_papers(root, Problems())
    assert paper.body == body
    assert (review in paper.review) if review else paper.review == ""
    if "[[code]" in text:
        assert paper.links["code"] == "https://github.com/lab/cells"


@pytest.mark.parametrize(
    ("notes", "equal", "corresponding", "said"),
    [
        ("", ("Hengyong Yu", "Varut Vardhanabhuti", "Ge Wang"), (), "read as equal contribution"),
        ("author_notes: ['', '', '', '', communication]\n", (), ("Ge Wang",), ""),  # 通讯作者: corresponding
        ("author_notes: ['Equal contribution', 'Equal contribution']\n", ("Weiwen Wu", "Dianlin Hu"), (), ""),
    ],
)
def test_marks_after_names_on_a_hugo_blox_page_are_not_part_of_the_names(tmp_path, notes, equal, corresponding, said):
    """Labs mark authors on their pages (`Hengyong Yu*`, `Weiwen Wu[*]`): each was a person of
    its own, `Hengyong Yu*`, beside the `Hengyong Yu` of the lab's other papers."""
    root = copy_site(tmp_path / "site", with_papers=False)
    page = tmp_path / "old/content/publication/drone/index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: 'DRONE: Dual-domain Residual-based Optimization NEtwork'\nauthors:\n  - Weiwen Wu[*]\n  - Dianlin Hu\n"
        "  -  Hengyong Yu*\n  - Varut Vardhanabhuti* \n  - Ge Wang (*)\n" + notes + "date: '2021-05-06T00:00:00Z'\n---\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(page.parent.parent)) == 0
    (paper,) = load_papers(root, Problems())
    assert paper.authors == ("Weiwen Wu", "Dianlin Hu", "Hengyong Yu", "Varut Vardhanabhuti", "Ge Wang")
    expected_equal = ("Weiwen Wu", *equal) if said else equal  # `[*]` is a mark too
    assert (paper.equal_contribution, paper.corresponding) == (expected_equal, corresponding)
    assert (said in paper.review) if said else paper.review == ""


def test_a_hugo_blox_page_or_profile_saved_as_windows_1252_is_read_and_said(tmp_path, capsys):
    """An old site's profile in Windows-1252 ended the import in a traceback, and a page so saved
    showed `Ren�` where its letters were, without a word."""
    root = copy_site(tmp_path / "site", with_papers=False)
    content = tmp_path / "old/content"
    (content / "authors/admin").mkdir(parents=True)
    (content / "authors/admin/_index.md").write_bytes("---\ntitle: René Dupont\n---\n".encode("cp1252"))
    (content / "publication/p").mkdir(parents=True)
    page = "---\ntitle: 'Über Straßen'\nauthors: [admin, Zoë Kühn]\ndate: '2021-05-06'\n---\n"
    (content / "publication/p/index.md").write_bytes(page.encode("cp1252"))
    assert run(root, "import", str(content / "publication")) == 0
    (paper,) = load_papers(root, Problems())
    assert (paper.title, paper.authors) == ("Über Straßen", ("René Dupont", "Zoë Kühn"))
    err = capsys.readouterr().err
    assert "authors/admin/_index.md:2: warning: not UTF-8 text: read as Windows-1252 (cp1252)" in err
    assert "publication/p/index.md:2: warning: not UTF-8 text: read as Windows-1252 (cp1252)" in err


def test_marks_after_names_in_an_academicpages_citation_are_not_part_of_the_names(tmp_path):
    """`Xing Hu†, Shan Gao¹` in a citation were the authors `Xing Hu†` and `Shan Gao¹`."""
    root = copy_site(tmp_path / "site", with_papers=False)
    page = tmp_path / "old/_publications/2025-02-15-less-is-more.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: 'Less Is More'\ndate: 2025-02-15\nvenue: 'FSE 2025'\n"
        "citation: 'Junwei Zhang*, Xing Hu†, Shan Gao¹,², Xin Xia. (2025). &quot;Less Is More.&quot; <i>FSE 2025</i>.'\n---\nAbstract.\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(page.parent)) == 0
    (paper,) = load_papers(root, Problems())
    assert paper.authors == ("Junwei Zhang", "Xing Hu", "Shan Gao", "Xin Xia")
    assert (paper.equal_contribution, paper.corresponding) == (("Junwei Zhang", "Xing Hu"), ())
    assert paper.review.startswith("marks after authors' names (*†) were taken off and read as equal contribution")


@pytest.mark.parametrize(
    ("category", "venue", "kind"),
    [
        ("manuscripts", "FSE 2025", "conference"),  # the template's category, never changed
        ("manuscripts", "Proceedings of the 12th Workshop on Things", "conference"),
        ("manuscripts", "Nature Communications", "journal"),
        ("manuscripts", "TPAMI 2023", "journal"),
        ("conferences", "Nature Communications", "conference"),  # a category someone chose wins
        ("", "ICSE'24", "conference"),
        ("published", "2020 IEEE 16th International Conference on Automation Science and Engineering (CASE)", "conference"),
        ("published", "Nature Communications", ""),  # a category of the site's own names no type
    ],
)
def test_an_academicpages_papers_type_follows_its_venue_when_the_category_is_the_templates(tmp_path, category, venue, kind):
    """academicpages files every paper under `manuscripts` until someone changes it: a paper at
    FSE was exported as `@article{journal = {FSE 2025}}`."""
    root = copy_site(tmp_path / "site", with_papers=False)
    page = tmp_path / "old/_publications/2025-02-15-paper.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        f"---\ntitle: 'A Paper'\ncategory: {category}\ndate: 2025-02-15\nvenue: \"{venue}\"\n"
        "citation: 'Ann Lee, Bo Chen. (2025). &quot;A Paper.&quot;'\n---\nAbstract.\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(page.parent)) == 0
    (paper,) = load_papers(root, Problems())
    assert (paper.venue, paper.type) == (venue, kind)


@pytest.mark.parametrize(
    ("title", "text", "said"),
    [
        ("Paper Title Number 2", "The contents above will be part of a list of publications, if the user does not change it.",
         "this page is the theme's own sample publication, not a paper of the lab's: delete its file, or write the paper into it"),
        ("An example conference paper", "We study spiking networks.",
         "its title 'An example conference paper' is the theme's sample title: write the paper's own"),
        ("Spiking Networks", "Lorem ipsum dolor sit amet.", "its abstract is the theme's sample text: write the paper's own, or delete it"),
        ("Spiking Networks", "We study spiking networks.", ""),
    ],
)  # fmt: skip
def test_what_is_left_of_a_themes_sample_publication_is_imported_and_said(tmp_path, title, text, said):
    """academicpages and Hugo Blox start a site with sample papers; many sites keep them, or
    write their own paper into one and keep its title. Nothing told the lab."""
    root = copy_site(tmp_path / "site", with_papers=False)
    page = tmp_path / "old/_publications/2010-10-01-paper-title-number-2.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        f"---\ntitle: '{title}'\ndate: 2010-10-01\nvenue: 'Journal 1'\n"
        "citation: 'Ann Lee. (2010). &quot;X.&quot; <i>Journal 1</i>.'\n---\n" + text + "\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(page.parent)) == 0
    (paper,) = load_papers(root, Problems())
    assert (paper.title, paper.review) == (title, said)


def test_an_academicpages_site_moves_with_its_pages_and_files(tmp_path, capsys):
    """`site-builder import old-site/_publications`: each page is a paper; its authors, which
    only the `citation` string names, are read from it; the PDF the old site served is copied."""
    root = copy_site(tmp_path / "site", with_papers=False)
    publications = tmp_path / "old/_publications"
    publications.mkdir(parents=True)
    (tmp_path / "old/files").mkdir()
    (tmp_path / "old/files/vesely2023.pdf").write_bytes(b"%PDF-1.4 vesely")
    (publications / "2023-permutation.md").write_text(ACADEMICPAGES_PAGE, encoding="utf-8")
    (publications / "2020-01-25-dual-module.md").write_text(
        "---\ntitle: Dual-Module Inference\ncollection: publications\ncategory: conferences\nvenue: ICML\n"
        "citation: 'Liu, L., Deng, L., & Wang, Y. (2020). Dual-module inference. <i>ICML</i>.'\n---\n",
        encoding="utf-8",
    )
    (publications / "2021-untitled.md").write_text("---\ncollection: publications\nvenue: X\n---\n", encoding="utf-8")
    assert run(root, "import", str(publications), "--as-of", "2026-12-06") == 0
    out, err = capsys.readouterr()
    assert "2 added" in out and "1 entries could not be imported" in out
    assert "2021-untitled.md:1: warning: a publication page without a title: left out" in err
    papers = {p.title: p for p in load_papers(root, Problems())}
    permutation = papers["Permutation-based true discovery guarantee by sum tests"]
    assert (permutation.authors, permutation.type, permutation.doi, permutation.date.year) == (
        ("Anna Vesely", "Livio Finos", "Jelle J. Goeman"), "journal", "10.1093/jrsssb/qkad019", 2023
    )  # fmt: skip
    assert (permutation.pdf, permutation.links) == ("/static/pdf/vesely2023.pdf", {"slides": "https://example.org/slides.pdf"})
    assert permutation.body == "Sum-based global tests are popular.\n\nWe propose a closed testing procedure."
    assert (root / "static/pdf/vesely2023.pdf").read_bytes() == b"%PDF-1.4 vesely"
    dual = papers["Dual-Module Inference"]
    assert (dual.authors, dual.type, dual.venue, dual.date.isoformat(), dual.review) == (
        ("L. Liu", "L. Deng", "Y. Wang"), "conference", "ICML", "2020-01-25", ""
    )  # fmt: skip
    build(root)


@pytest.mark.parametrize(
    ("citation", "names"),
    [
        ("Anna Vesely, Livio Finos and Jelle Goeman", ["Anna Vesely", "Livio Finos", "Jelle Goeman"]),
        ("Smith, J. A., Doe, B.-C., & Lee, K.", ["J. A. Smith", "B.-C. Doe", "K. Lee"]),
        ("Smith, John and Doe, Jane", ["John Smith", "Jane Doe"]),
        ("Vesely, Anna; Finos, Livio", ["Anna Vesely", "Livio Finos"]),
        ("Ann Lee.", ["Ann Lee"]),
        ("**Lee, A.**, Chen, B., & Wu, C.", ["A. Lee", "B. Chen", "C. Wu"]),  # the site's owner in bold
        ("; , and &", []),  # no name: the page names no authors, and its review says so
    ],
)
def test_an_academicpages_citation_names_its_authors(citation, names):
    from site_builder.text.names import split_name_text

    assert split_name_text(citation) == (names, False)


def test_an_academicpages_page_and_the_bib_its_site_kept_are_one_paper(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    publications, files = tmp_path / "old/_publications", tmp_path / "old/files"
    publications.mkdir(parents=True)
    files.mkdir()
    (publications / "2023-permutation.md").write_text(ACADEMICPAGES_PAGE, encoding="utf-8")
    (files / "vesely2023.pdf").write_bytes(b"%PDF-1.4 vesely")
    (files / "vesely2023.bib").write_text(
        "@article{vesely2023, title={Permutation-based true discovery guarantee by sum tests},\n"
        "  author={Vesely, Anna and Finos, Livio and Goeman, Jelle J. and Lee, Ann}, journal={JRSS B}, year={2023},\n"
        "  doi={10.1093/jrsssb/qkad019}}\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(publications), str(files)) == 0
    assert "1 added" in capsys.readouterr().out
    (paper,) = load_papers(root, Problems())
    assert (paper.authors, paper.bibtex_key, paper.pdf) == (
        ("Anna Vesely", "Livio Finos", "Jelle J. Goeman", "Ann Lee"), "vesely2023", "/static/pdf/vesely2023.pdf"
    )  # fmt: skip
    assert paper.body.startswith("Sum-based global tests")


def test_a_titles_italics_are_kept_as_emphasis_and_change_neither_slug_nor_identity(tmp_path):
    """Species, genes and books are set in italics in titles, written `\\textit{}`, `{\\it }` or,
    in Crossref's and PubMed's records, `<i>`: pages show them so, everything else reads the words."""
    (rice, gene), _ = bib_papers(
        tmp_path,
        "@article{a, title = {Genome of \\textit{Oryza australiensis} reveals {EE}--{DD} ancestry}, author = {Bao, Y}, year = 2026}\n"
        "@article{b, title = {The {\\it lacZ} gene of <i>E.~coli</i>}, author = {Lee, Ann}, year = 2020}\n",
        "italics.bib",
    )
    assert rice.title == "Genome of \\emph{Oryza australiensis} reveals EE–DD ancestry"
    assert gene.title == "The \\emph{lacZ} gene of \\emph{E. coli}"
    assert (rice.slug, gene.slug) == ("genome-of-oryza-australiensis-reveals-ee-dd-ancestry", "the-lacz-gene-of-e-coli")
    assert rice.bibtex_title == "Genome of \\textit{Oryza australiensis} reveals {EE}--{DD} ancestry"
    from site_builder.importing.identity import source_id

    # the same work with or without its italics: a .bib imported before they were kept re-imports as one
    assert rice.source_id == source_id("bibtex", "Genome of Oryza australiensis reveals EE–DD ancestry", 2026)


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("Genome of *Oryza australiensis* and _Zea mays_ roots", "Genome of \\emph{Oryza australiensis} and \\emph{Zea mays} roots"),
        ("The <i>lacZ</i> gene of <em>E. coli</em> in CO<sub>2</sub>", "The \\emph{lacZ} gene of \\emph{E. coli} in CO₂"),
        ("**Bold** claims on *Drosophila*", "Bold claims on \\emph{Drosophila}"),
        ("A* search, 2*3*4 and snake_case_names", "A* search, 2*3*4 and snake_case_names"),
        ("Rates * and * marks, _ alone", "Rates * and * marks, _ alone"),
        ("Bounds for $a*b*c$ and $x_i_j$", "Bounds for $a*b*c$ and $x_i_j$"),
        ("Sets of *{x* and ~50 \\ items", "Sets of {x and ~50 \\ items"),
    ],
)
def test_a_markdown_pages_title_keeps_its_italics_and_nothing_else_changes(written, kept):
    """Hugo Blox and academicpages titles are Markdown: `*x*`, `_x_` and `<i>` are italics
    (`\\emph{}`), a `*` or `_` that CommonMark would not read as a mark stays, math is math, and
    `~` or `\\` are the characters (no LaTeX)."""
    from site_builder.importing.bibtitle import page_title

    assert page_title(written) == kept


def test_an_old_sites_italic_title_is_italic_on_the_new_site(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    publications = tmp_path / "old/_publications"
    publications.mkdir(parents=True)
    (publications / "2021-03-01-rice.md").write_text(
        "---\ntitle: 'Roots of *Oryza sativa*'\ncollection: publications\nvenue: '*Plant Cell*'\n"
        "citation: 'Bao, Y. (2021). Roots of <i>Oryza sativa</i>. <i>Plant Cell</i>.'\n---\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(publications), "--as-of", "2026-12-06") == 0
    (paper,) = load_papers(root, Problems())
    assert (paper.title, paper.slug, paper.venue) == ("Roots of \\emph{Oryza sativa}", "roots-of-oryza-sativa", "Plant Cell")
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)) == 0
    page = (out / "papers/roots-of-oryza-sativa/index.html").read_text(encoding="utf-8")
    assert "<h1>Roots of <i>Oryza sativa</i></h1>" in page
    assert "<title>Roots of Oryza sativa" in page


def test_a_forthcoming_paper_says_so_in_its_note_and_on_its_page(tmp_path):
    """Economists write `year = {forthcoming}` or `{In press}`, biblatex users `pubstate`: the
    date is a guess the review names, and where the paper stands is its note, which pages and
    the BibTeX show."""
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "econ.bib").write_text(
        "@article{a, author = {Lee, Ann}, title = {Labor Market Power}, journal = {AER}, year = {forthcoming}}\n"
        "@article{b, author = {Lee, Ann}, title = {Sorting}, journal = {QJE}, year = {to appear}, note = {Conditionally accepted}}\n"
        "@article{c, author = {Lee, Ann}, title = {Bargaining}, journaltitle = {Econometrica}, date = {2026}, pubstate = {inpress}}\n"
        "@article{d, author = {Lee, Ann}, title = {Wages}, journal = {JPE}, year = {2025}, note = {Forthcoming in print}}\n"
        "@unpublished{e, author = {Lee, Ann}, title = {Firms}, date = {2026}, pubstate = {inpreparation}}\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(tmp_path / "econ.bib"), "--as-of", "2026-12-06") == 0
    papers = {p.bibtex_key: p for p in load_papers(root, Problems())}
    assert {key: paper.note for key, paper in papers.items()} == {
        "a": "Forthcoming", "b": "Conditionally accepted. To appear", "c": "In press", "d": "Forthcoming in print",
        "e": "In preparation",  # biblatex's key, in the words its styles print (not `Inpreparation`)
    }  # fmt: skip
    assert "`year` 'forthcoming' that is not a year" in papers["a"].review and not papers["c"].review
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)) == 0
    page = (out / "papers/labor-market-power/index.html").read_text(encoding="utf-8")
    assert "<dt>Note</dt><dd>Forthcoming</dd>" in page and "note = {Forthcoming}" in page


PUBMED_RECORD = """1432-2072
Sneddon, Elizabeth A
Orcid: 0000-0003-4004-9434
Bai, Kathleen
de Guglielmo, Giordano
Woods, Leah C Solberg
Carrette, Lieselot Lg
U01 DA044451/DA/NIDA NIH HHS/United States
Journal Article
Research Support, Non-U.S. Gov't
Germany
2026/03/25
Psychopharmacology (Berl). 2026 Mar 24:10.1007/s00213-026-07041-8. doi: 10.1007/s00213-026-07041-8."""


def test_initials_and_a_year_are_completed_from_the_pubmed_record_an_endnote_note_keeps(tmp_path, capsys):
    """EndNote fed from PubMed writes initials and a year, and keeps the record with the names in
    full and the day: one author page per person, whichever file spelled them how."""
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "lab.bib").write_text(
        "@article{RN1, author = {Sneddon, E. A. and Bai, K. and de Guglielmo, G. and Woods, L. C. S. and Carrette, L. L. G.}, title = {E},\n"
        f"  journal = {{Psychopharmacology (Berl)}}, year = {{2026}}, note = {{{PUBMED_RECORD}}}}}\n"
        # initials that disagree with the record (a different person), and a record of other people
        "@article{RN2, author = {Sneddon, J. and Bai, K.}, title = {Two}, journal = {J}, year = {2025},\n"
        f"  note = {{{PUBMED_RECORD.replace('2026 Mar 24', '2024 May 2')}}}}}\n"
        f"@article{{RN3, author = {{Lee, A. and Bai, K.}}, title = {{Three}}, journal = {{J}}, year = {{2026}}, month = jan, note = {{{PUBMED_RECORD}}}}}\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(tmp_path / "lab.bib"), "--as-of", "2026-12-06") == 0
    assert "lab.bib: warning: 2 entries: authors written as initials (`Sneddon, E. A.`) and dates of a year alone were completed" in (
        capsys.readouterr().err
    )
    papers = {p.bibtex_key: p for p in load_papers(root, Problems())}
    one, two, three = papers["RN1"], papers["RN2"], papers["RN3"]
    assert one.authors == (
        "Elizabeth A. Sneddon",
        "Kathleen Bai",
        "Giordano de Guglielmo",
        "Leah C. Solberg Woods",
        "Lieselot L. G. Carrette",
    )
    assert (one.date.isoformat(), one.date_precision, one.note) == ("2026-03-24", "day", "")
    assert (two.authors, two.date.isoformat()) == (("J. Sneddon", "Kathleen Bai"), "2025-01-01")  # the record's year is not 2025
    assert (three.authors, three.date.isoformat()) == (("A. Lee", "K. Bai"), "2026-01-01")  # no Lee in the record


def test_a_structured_abstracts_capital_headings_are_paragraphs_with_bold_headings(tmp_path):
    """PubMed's records, through EndNote, write a structured abstract's headings in capitals
    inside the text; a heading-like word elsewhere (`HIV:` mid-sentence, `The BACKGROUND:`) stays."""
    (paper,), _ = bib_papers(
        tmp_path,
        "@article{RN1, author = {Lee, Ann}, title = {T}, year = 2026, abstract = {RATIONALE: Hormones matter (n = 5). "
        "OBJECTIVES: We asked. CONCLUSIONS AND RELEVANCE: The HIV: model and The BACKGROUND: stay.\neng}}\n",
        "pubmed.bib",
    )
    assert paper.body == (
        "**Rationale:** Hormones matter (n = 5).\n\n**Objectives:** We asked.\n\n"
        "**Conclusions and relevance:** The HIV: model and The BACKGROUND: stay."
    )


def test_an_author_of_marks_and_spaces_alone_is_no_author(tmp_path):
    """`{~ #}` is a mark and a space: no name, so no empty author that the build would refuse."""
    (paper,), _ = bib_papers(tmp_path, "@article{k, title = {T}, author = {{~ #} and Lee, Ann* and {\\,}}, year = 2012}\n", "marks.bib")
    assert (paper.authors, paper.equal_contribution) == (("Ann Lee",), ("Ann Lee",))
    assert paper.bibtex_authors in ("", "Lee, Ann")


def test_a_tag_in_brackets_before_titles_is_kept_said_once_and_left_out_of_the_slug(tmp_path):
    """Some labs mark a venue's rank before the title (`[A+] CatCharger: …`): the slug was
    `a-catcharger`, and nothing said that citations carry the tag."""
    papers, problems = bib_papers(
        tmp_path,
        "@article{a, title={[A+] CatCharger: Deploying Chargers}, author={Yan, Li}, year=2021}\n"
        "@inproceedings{b, title={[CCF-A] Distributed Consensus}, author={Yan, Li}, year=2022}\n",
    )
    assert [(paper.title, paper.slug) for paper in papers] == [
        ("[A+] CatCharger: Deploying Chargers", "catcharger"),
        ("[CCF-A] Distributed Consensus", "distributed-consensus"),
    ]
    assert next(p.message for p in problems.items if "tag in brackets" in p.message).startswith("2 titles start with a tag")


INSPIRE = """@article{ATLAS:2012yve,
    author = "Aad, Georges and others",
    collaboration = "ATLAS",
    title = "{Observation of a new particle in the search for the Standard Model Higgs boson with the ATLAS detector at the LHC}",
    eprint = "1207.7214",
    archivePrefix = "arXiv",
    primaryClass = "hep-ex",
    doi = "10.1016/j.physletb.2012.08.020",
    journal = "Phys. Lett. B",
    volume = "716",
    pages = "1--29",
    year = "2012"
}
"""


def test_a_collaboration_inspire_names_is_shown_after_the_authors_and_cited(tmp_path, capsys):
    """INSPIRE's BibTeX gives a collaboration's paper as its first author, `others` and the
    `collaboration`: the page says whose paper it is, and its BibTeX says so again."""
    from pybtex.database import parse_string

    (paper,), problems = bib_papers(tmp_path, INSPIRE)
    assert (paper.authors, paper.et_al, paper.collaboration) == (("Georges Aad",), True, "ATLAS")
    assert not any("collaboration" in problem.message for problem in problems.items)
    root = copy_site(tmp_path / "site", with_papers=False)
    (tmp_path / "inspire.bib").write_text(INSPIRE, encoding="utf-8")
    assert main(["--root", str(root), "import", str(tmp_path / "inspire.bib")]) == 0
    assert "collaboration: ATLAS\n" in next((root / "content/papers").glob("*.md")).read_text(encoding="utf-8")
    out = build(root)
    page = next(out.glob("papers/*/index.html")).read_text(encoding="utf-8")
    assert '<span class="et-al">et al.</span> <span class="collaboration">(ATLAS Collaboration)</span></p>' in page
    (cited,) = parse_string((out / "publications.bib").read_text(encoding="utf-8"), "bibtex").entries.values()
    assert cited.fields["collaboration"] == "ATLAS" and [str(p) for p in cited.persons["author"]] == ["Aad, Georges", "others"]


def test_an_e_prints_arxiv_category_is_its_category_as_a_listings_is(tmp_path):
    """A .bib names the arXiv category of an e-print (`primaryClass`, biblatex's `eprintclass`,
    an old identifier's archive): the paper's category, whose topic the site adds, as a
    listing's `CV` is. An archive alone, or a class without an e-print, is none."""
    papers, _ = bib_papers(
        tmp_path,
        "@article{a, title = {A}, author = {Lee, Ann}, year = 2023, eprint = {2301.00001}, archivePrefix = {arXiv}, primaryClass = {cs.CV}}\n"
        "@online{b, title = {B}, author = {Lee, Ann}, date = {2023}, eprint = {2301.00002}, eprinttype = {arxiv}, eprintclass = {astro-ph.GA}}\n"
        "@online{c, title = {C}, author = {Lee, Ann}, date = {2023}, eprint = {2301.00003}, eprinttype = {arxiv}, eprintclass = {cs}}\n"
        "@article{d, title = {D}, author = {Maldacena, Juan}, year = 1998, eprint = {hep-th/9711200}, archivePrefix = {arXiv}}\n"
        "@article{e, title = {E}, author = {Lee, Ann}, journal = {J}, year = 2023, primaryClass = {cs.CV}}\n"
        # doi.org's BibTeX of an arXiv DOI (DataCite): the categories in `keywords`, the primary first
        "@misc{https://doi.org/10.48550/arxiv.2301.00004, doi = {10.48550/ARXIV.2301.00004}, author = {Lee, Ann}, title = {F},\n"
        "  keywords = {Machine Learning (cs.LG), Computer Vision and Pattern Recognition (cs.CV), FOS: Computer and information sciences},\n"
        "  publisher = {arXiv}, year = {2023}}\n"
        "@article{g, title = {G}, author = {Lee, Ann}, year = 2023, eprint = {2301.00005}, keywords = {Artificial intelligence (AI)}}\n",
    )
    assert [paper.category for paper in papers] == ["cs.CV", "astro-ph.GA", "", "hep-th", "", "cs.LG", ""]
    registry = Registry(category_topics=(("CV", "Computer Vision"),))
    assert registry.category_topic(papers[0].category) == "Computer Vision"  # the topic a listing's `CV` has


@pytest.mark.parametrize(
    ("journal", "kind"),
    [
        ("Conference on Neural Information Processing Systems (NeurIPS)", "conference"),
        ("Computer Vision and Pattern Recognition (CVPR)", "conference"),
        ("International Conference on Robotics and Automation (ICRA)", "conference"),
        ("Proceedings of the AAAI Conference on Artificial Intelligence", "conference"),
        ("Proceedings of the IEEE International Conference on Robotics and Automation", "conference"),
        ("Proceedings of the National Academy of Sciences", "journal"),
        ("Proc. Natl. Acad. Sci. USA", "journal"),
        ("Proceedings of the IEEE", "journal"),
        ("Proceedings of the Royal Society A", "journal"),
        ("Proceedings of the ACM on Programming Languages", "journal"),
        ("IEEE Access", "journal"),
        ("Journal of Machine Learning Research", "journal"),
        ("ACM Transactions on Design Automation of Electronic Systems (TODAES)", "journal"),
        ("Nature Machine Intelligence (NMI)", "journal"),
        ("IEEE Micro", "journal"),
        ("CVPR", "conference"),
        ("ICLR 2024", "conference"),
    ],
)
def test_an_article_a_lab_filed_under_a_conference_is_a_conference_paper(tmp_path, journal, kind):
    """al-folio files often write every paper as `@article` with the venue in `journal`; the
    venue's name tells a conference paper (RIS `CONF`, CSL `paper-conference`) from a journal's."""
    found, _ = bib_papers(tmp_path, f"@article{{a, title = {{A Study}}, author = {{Lee, Ann}}, journal = {{{journal}}}, year = 2024}}\n")
    assert (found[0].type, found[0].venue, found[0].bibtex_type) == (kind, journal, "article")
    if kind == "journal" and "(" not in journal:  # what a table's or a page's venue says, an acronym aside
        assert not is_conference(journal)


def test_marks_in_a_list_written_with_commas_mark_their_own_names(tmp_path):
    """A lab's file mixes commas and `and` and marks shared first authors: `Yingjian Song*,
    Jiayu Chen*, Zixuan Zeng, … and Bradley G. Phillips, …` (a public al-folio site's)."""
    (paper,), _ = bib_papers(
        tmp_path,
        "@article{k, title = {T}, journal = {J}, year = 2026,\n"
        "  author = {Yingjian Song*, Jiayu Chen*, Zixuan Zeng and Bradley G. Phillips, Xiang Zhang, WenZhan Song }}\n",
    )
    assert paper.authors == ("Yingjian Song", "Jiayu Chen", "Zixuan Zeng", "Bradley G. Phillips", "Xiang Zhang", "WenZhan Song")
    assert paper.equal_contribution == ("Yingjian Song", "Jiayu Chen")
    assert paper.review.count("separates names with commas") == 1  # one look at the list, not one per part
    assert "read as Yingjian Song, Jiayu Chen, Zixuan Zeng, Bradley G. Phillips, Xiang Zhang, WenZhan Song; check them" in paper.review


def test_al_folios_html_and_website_are_two_links_and_its_additional_info_is_the_note(tmp_path):
    """`html` and `website` are two buttons on an al-folio page; the second was dropped without a
    word. `additional_info` (`. *Oral*`, printed after the venue) was said unread."""
    (paper,), problems = bib_papers(
        tmp_path,
        "@inproceedings{s, title={Fast Things}, author={Smith, John}, booktitle={NeurIPS}, year={2024},\n"
        "  html={https://example.org/fast}, website={https://fast.example.org}, project={https://third.example.org},\n"
        "  additional_info={. *Oral presentation, top 1\\%*}, note={Joint first authors}}\n",
    )
    assert paper.links == {"project": "https://example.org/fast", "website": "https://fast.example.org"}
    assert (
        paper.review == "its `project` is a second link of one kind (https://third.example.org): add it to `links` under a label of its own"
    )
    assert paper.note == "Joint first authors. Oral presentation, top 1%"
    assert not any("additional_info" in p.message for p in problems.items)


def test_an_al_folio_html_link_to_arxiv_or_a_doi_gives_the_paper_its_identifier(tmp_path):
    found, _ = bib_papers(
        tmp_path,
        "@article{a, title = {A}, author = {Lee, Ann}, year = 2023, journal = {Submitted to Imaging Neuroscience},\n"
        "  html = {https://arxiv.org/abs/2308.12736}}\n"
        "@article{b, title = {B}, author = {Lee, Ann}, year = 2022, journal = {NeuroImage}, html = {https://doi.org/10.1016/j.neuroimage.2022.119703}}\n"
        "@article{c, title = {C}, author = {Lee, Ann}, year = 2022, journal = {BMVC}, html = {https://taylorswiftnet.github.io/}}\n",
    )
    a, b, c = sorted(found, key=lambda paper: paper.title)
    assert (a.arxiv, b.doi, c.arxiv, c.doi) == ("2308.12736", "10.1016/j.neuroimage.2022.119703", "", "")
    assert c.links["project"] == "https://taylorswiftnet.github.io/"


def test_an_al_folio_html_link_to_a_publishers_page_is_named_by_the_place_not_called_a_project(tmp_path):
    """al-folio's `html` button is the paper's page, most often at its publisher: 4ILab's site
    links IEEE Xplore and nature.com there, and the pages called them "Project"."""
    found, _ = bib_papers(
        tmp_path,
        "@article{a, title = {A}, author = {Kim, Minkyu}, year = 2025, journal = {IEEE Access},\n"
        "  html = {https://ieeexplore.ieee.org/document/11218923}, website = {https://lab.notion.site/demo}}\n"
        "@article{b, title = {B}, author = {Han, Yoseob}, year = 2021, journal = {Nature Machine Intelligence},\n"
        "  doi = {10.1038/s42256-020-00289-5}, html = {https://www.nature.com/articles/s42256-020-00289-5}}\n",
    )
    a, b = sorted(found, key=lambda paper: paper.title)
    assert a.links == {"ieeexplore.ieee.org": "https://ieeexplore.ieee.org/document/11218923", "project": "https://lab.notion.site/demo"}
    assert [label for label, _ in paper_buttons(a)] == ["Project", "IEEE Xplore"]
    assert [label for label, _ in paper_buttons(b)] == ["DOI", "Nature"]


@pytest.mark.parametrize(
    ("note", "equal"),
    [
        ("First two authors contributed equally to this work (Hyunjun Kim and Yungi Cho)", ("Hyunjun Kim", "Yungi Cho")),
        ("The first three authors contributed equally.", ("Hyunjun Kim", "Yungi Cho", "Younghan Lee")),
        ("Oral. Kim, Hyunjun and Cho, Yungi contributed equally", ("Hyunjun Kim", "Yungi Cho")),
        ("Hyunjun Kim and Yungi Cho are co-first authors", ("Hyunjun Kim", "Yungi Cho")),
        ("All authors contributed equally", ("Hyunjun Kim", "Yungi Cho", "Younghan Lee")),
        ("Bob Smith and Hyunjun Kim contributed equally", ()),  # someone who is no author: not guessed at
        ("Work done while at Google", ()),
    ],
)
def test_a_note_that_says_in_words_who_contributed_equally_marks_them(tmp_path, note, equal):
    """A lab's file writes the shared first authorship into `note` (a public al-folio site's:
    `First two authors contributed equally to this work (Hyunjun Kim and Yungi Cho)`)."""
    (paper,), _ = bib_papers(
        tmp_path,
        "@inproceedings{k, title = {T}, booktitle = {RAID}, year = 2023, author = {Kim, Hyunjun and Cho, Yungi and Lee, Younghan},\n"
        f"  note = {{{note}}}}}\n",
    )
    assert (paper.equal_contribution, paper.note) == (equal, note)


def _site_and_publications_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A new site, and an old academicpages site's `_publications/` folder to import into it."""
    folder = tmp_path / "old/_publications"
    folder.mkdir(parents=True)
    return copy_site(tmp_path / "site", with_papers=False), folder


def test_an_academicpages_page_that_shows_its_own_bibtex_takes_its_authors_and_links_from_the_page(tmp_path):
    """Lab pages of academicpages name their authors only in the BibTeX they show, in a field
    (`bibtex: |`) or a code block under `## Citation`, and lay the rest out in sections: an
    `## Abstract`, lines of links, a byline with marks, comments (shapes of public sites' pages)."""
    root, folder = _site_and_publications_folder(tmp_path)
    (folder / "2023-crowd.md").write_text(
        '---\ntitle: "Crowd3D: Towards Hundreds of People Reconstruction"\ncategory: conferences\ndate: 2023-06-01\n'
        'venue: "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR 2023)"\ncodeurl: "https://github.com/a/crowd3d"\n---\n\n'
        "**Hao Wen**<sup>†</sup>, **Jing Huang**<sup>†</sup>, Kun Li<sup>*</sup>  \n<sup>†</sup> Equal contribution. <sup>*</sup> Corresponding author.\n\n---\n\n"
        "## Abstract\n\nWe reconstruct hundreds of people.\n\nFrom one image.\n\n---\n\n## Links\n\n"
        "- [Paper](https://openaccess.thecvf.com/crowd3d.pdf)\n- [Code](https://github.com/a/crowd3d)\n\n---\n\n## Citation\n\n"
        "```bibtex\n@inproceedings{Crowd3D,\n  author = {Wen, Hao and Huang, Jing and Li, Kun},\n"
        "  title = {Crowd3D: Towards Hundreds of People Reconstruction},\n  booktitle = {CVPR},\n  year = {2023},\n"
        "  pages = {8937--8946}\n}\n```\n",
        encoding="utf-8",
    )
    (folder / "2026-skin.md").write_text(
        "---\ntitle: \"SkinTokens: A Learned Compact Representation\"\ndate: 2026-02-04\nvenue: 'arXiv preprint'\n"
        "paperurl: 'https://arxiv.org/pdf/2602.04805'\nbibtex: |\n  @article{zhang2026skintokens,\n"
        "    title   = {SkinTokens: A Learned Compact Representation},\n    author  = {Zhang, Jia-Peng and Pu, Cheng-Feng},\n"
        "    journal = {arXiv preprint arXiv:2602.04805},\n    year    = {2026}\n  }\n---\n\nWe tokenize skinning weights.\n",
        encoding="utf-8",
    )
    (folder / "2024-room.md").write_text(
        '---\ntitle: "RoomDesigner: Anchor-latents for Scene Generation"\nAuthor: "Yiqun Zhao, Zibo Zhao, Shenghua Gao"\n'
        "date: 2024-03-30\nvenue: '3DV'\n#paperurl: 'http://example.github.io/files/room.pdf'\n---\n## Introduction\n"
        "[[paper](https://arxiv.org/abs/2310.10027)][[code](https://github.com/z/RoomDesigner)]\n\nWe generate rooms.\n\n"
        "[//]: # ([arxiv paper]&#40;https://arxiv.org/abs/2303.12370&#41;   )\n",
        encoding="utf-8",
    )
    (folder / "2025-video.md").write_text(
        "---\ntitle: \"Mitigating Hallucination in VideoLLMs\"\ndate: 2025-05-01\nvenue: 'Neural Information Processing Systems'\n"
        "# citation: 'Cai Jianfeng. (2025).'\n---\n<p style=\"text-align:justify;\">We <b>mitigate</b> hallucination in CO<sub>2</sub>.</p>\n\n"
        "[Download paper from here](https://openreview.net/forum?id=7mTECPRtll)\n\n<!-- <p>Cai Jianfeng. (2025).</p> -->\n\n"
        '<p style="text-align:justify;">BibTeX formatted citation: </p>\n\n<pre>\n@inproceedings{CaiHZZZL25,\n'
        "  author = {Jianfeng Cai and Jiale Hong},\n  title = {Mitigating Hallucination in VideoLLMs},\n"
        "  booktitle = {Advances in Neural Information Processing Systems 38},\n  year = {2025}\n}\n</pre>\n",
        encoding="utf-8",
    )
    (folder / "2017-rgb.md").write_text(
        "---\ntitle: \"Adversarial Networks for Spectral Reconstruction from RGB\"\ndate: 2017-10-10\nvenue: 'ICCV 2017 Workshop'\n"
        "paperurl: 'https://arxiv.org/abs/1709.00265'\n---\n\nAvailable: https://arxiv.org/abs/1709.00265\n\n"
        "<a href='https://arxiv.org/abs/1709.00265'>Full text preprint</a>\n\nAbstract: \n\n>Hyperspectral signal reconstruction.\n\n"
        "![A sample]({{ site.url }}/images/sample.png)\n\nBibtex:\n\n```\n@inproceedings{alvarez,\n"
        "  title = {Adversarial Networks for Spectral Reconstruction from {{RGB}}},\n  author = {Alvarez-Gila, Aitor and van de Weijer, Joost},\n"
        "  booktitle = {Workshop at {{ICCV2017}}},\n  year = {2017}\n}\n```\n",
        encoding="utf-8",
    )
    (folder / "2020-byline.md").write_text(
        '---\ntitle: "Bylines Alone"\ndate: 2020-01-01\nvenue: "CVPR"\n---\n\n**Ann Lee**<sup>*</sup>, Bo Chen<sup>*</sup>, Cy Wu<sup>✉</sup>\n\n'
        "<sup>*</sup> Equal contribution.\n\n## Abstract\n\nWe study bylines.\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(folder)) == 0
    papers = {p.title.split(":")[0]: p for p in load_papers(root, Problems())}
    crowd, skin, room = papers["Crowd3D"], papers["SkinTokens"], papers["RoomDesigner"]
    byline = papers["Bylines Alone"]  # no `authors`, no citation, no BibTeX: the byline above the abstract, to check
    assert (byline.authors, byline.equal_contribution, byline.corresponding, byline.body) == (
        ("Ann Lee", "Bo Chen", "Cy Wu"),
        ("Ann Lee", "Bo Chen"),
        ("Cy Wu",),
        "We study bylines.",
    )
    assert byline.review == "the authors were read from the byline above its abstract as Ann Lee, Bo Chen, Cy Wu: check them"
    video, rgb = papers["Mitigating Hallucination in VideoLLMs"], papers["Adversarial Networks for Spectral Reconstruction from RGB"]
    assert (video.authors, video.body, video.links) == (
        ("Jianfeng Cai", "Jiale Hong"),
        "We **mitigate** hallucination in CO₂.",  # the page's HTML as the Markdown it stands for
        {"url": "https://openreview.net/forum?id=7mTECPRtll"},
    )
    assert (rgb.authors, rgb.arxiv, rgb.body) == (
        ("Aitor Alvarez-Gila", "Joost van de Weijer"),
        "1709.00265",
        "Hyperspectral signal reconstruction.",
    )
    assert (crowd.authors, crowd.pages, crowd.bibtex_key, crowd.body) == (
        ("Hao Wen", "Jing Huang", "Kun Li"),
        "8937--8946",
        "Crowd3D",
        "We reconstruct hundreds of people.\n\nFrom one image.",
    )
    assert crowd.venue == "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR 2023)"  # the page's says more
    assert (crowd.equal_contribution, crowd.corresponding) == (("Hao Wen", "Jing Huang"), ("Kun Li",))  # as its byline's legend says
    assert (crowd.pdf, crowd.links, crowd.review) == (
        "https://openaccess.thecvf.com/crowd3d.pdf",
        {"code": "https://github.com/a/crowd3d"},
        "",
    )
    assert (skin.authors, skin.arxiv, skin.links) == (
        ("Jia-Peng Zhang", "Cheng-Feng Pu"),
        "2602.04805",
        {"preprint": "https://arxiv.org/pdf/2602.04805"},
    )
    assert (room.authors, room.arxiv, room.links["code"]) == (
        ("Yiqun Zhao", "Zibo Zhao", "Shenghua Gao"),
        "2310.10027",
        "https://github.com/z/RoomDesigner",
    )
    assert room.body == "## Introduction\n\nWe generate rooms."  # its links and its comment are no part of the abstract


def test_an_academicpages_abstract_under_an_underlined_heading_and_an_apa_citation_with_a_month(tmp_path):
    """`Abstract` over `-------` is a heading, not an abstract cut off by a rule; APA dates a
    conference paper `(2023, July)` (shapes of public sites' pages)."""
    root, folder = _site_and_publications_folder(tmp_path)
    (folder / "2023-graph.md").write_text(
        '---\ntitle: "Graph Field Integrators"\ndate: 2023-07-03\nvenue: ICML 2023\n'
        "citation: Choromanski, K., Basu Roy Chowdhury, S., & Weller, A. (2023, July). Graph field integrators. In ICML (pp. 1-2).\n---\n\n"
        "Abstract\n-------\nWe integrate fields on graphs.\n",
        encoding="utf-8",
    )
    assert run(root, "import", str(folder)) == 0
    (paper,) = load_papers(root, Problems())
    assert (paper.authors, paper.body, paper.review) == (
        ("K. Choromanski", "S. Basu Roy Chowdhury", "A. Weller"),
        "We integrate fields on graphs.",
        "",
    )


def test_biblatex_subtitles_are_part_of_the_title_people_cite(tmp_path):
    """biblatex splits a title (`subtitle`, `titleaddon`) and a book's or journal's name
    (`booksubtitle`, `journalsubtitle`); its styles print them joined. A subtitle the title
    already ends with is not written twice; `eprintclass` is read (as the arXiv category)."""
    papers, problems = bib_papers(
        tmp_path,
        "@article{a, author = {Lee, Ann}, date = {2019-03}, title = {Migration and the Welfare State},\n"
        "  subtitle = {Evidence from Twelve Countries}, journaltitle = {Policy}, journalsubtitle = {A Review}}\n"
        "@incollection{b, author = {Kim, Bo}, date = {2020}, title = {Why Memory?}, subtitle = {A Reply},\n"
        "  booktitle = {Handbook of Memory}, booksubtitle = {Theory and Method}, titleaddon = {Extended Version}}\n"
        "@online{c, author = {Wu, Cy}, date = {2023}, title = {Things: A Study}, subtitle = {A Study},\n"
        "  eprint = {2311.01234}, eprinttype = {arxiv}, eprintclass = {econ.GN}}\n",
    )
    shown = {paper.bibtex_key: paper for paper in papers}
    assert shown["a"].title == shown["a"].bibtex_title == "Migration and the Welfare State: Evidence from Twelve Countries"
    assert shown["a"].venue == "Policy: A Review"
    assert (shown["b"].title, shown["b"].venue) == ("Why Memory? A Reply. Extended Version", "Handbook of Memory: Theory and Method")
    assert (shown["c"].title, shown["c"].category) == ("Things: A Study", "econ.GN")
    assert not [p for p in problems.items if "not imported" in p.message]


def test_a_scholar_list_cut_short_is_et_al_and_a_web_host_is_no_publisher(tmp_path):
    """Publish or Perish's BibTeX of a Scholar search: a name list Scholar cut short ends in `…`
    (`J Uszkoreit…`), and its `publisher` is the host Scholar found the paper on."""
    papers, _ = bib_papers(
        tmp_path,
        "@article{pop0002, author = {A Vaswani and N Shazeer and J Uszkoreit…}, title = {Attention is all you need},\n"
        "  journal = {Advances in neural information processing systems}, publisher = {proceedings.neurips.cc}, year = {2017}}\n"
        "@article{b, author = {Lee, Ann and Kim, Bo...}, title = {B}, journal = {J}, publisher = {Springer}, year = 2020}\n"
        "@book{c, author = {Ng, Cy}, title = {C}, publisher = {O'Reilly Media}, year = 2020}\n",
    )
    shown = {paper.bibtex_key: paper for paper in papers}
    assert (shown["pop0002"].authors, shown["pop0002"].et_al, shown["pop0002"].publisher) == (
        ("A Vaswani", "N Shazeer", "J Uszkoreit"), True, "",
    )  # fmt: skip
    assert (shown["b"].authors, shown["b"].et_al, shown["b"].publisher) == (("Ann Lee", "Bo Kim"), True, "Springer")
    assert shown["c"].publisher == "O'Reilly Media"


def test_a_url_field_with_several_addresses_links_the_first_and_names_the_others(tmp_path):
    """Mendeley writes every address it knows into `url`, a space between them; a wrapped line
    puts spaces inside one address. Each address goes where it belongs (a PDF, code, the DOI's
    page left to the DOI); one more of a kind is named in the review, never glued to another."""
    _, imported = imported_site(
        tmp_path,
        "refs.bib",
        "@article{Wang2020, title = {Molecular Screening}, author = {Wang, Wujie}, year = 2020, doi = {10.1039/d0cc03512b},\n"
        "  url = {https://pubs.rsc.org/en/content/articlehtml/2020/cc/d0cc03512b https://doi.org/10.1039/d0cc03512b\n"
        "    https://pubs.rsc.org/en/content/articlelanding/2020/cc/d0cc03512b, https://github.com/ww/screen https://x.org/w.pdf}}\n"
        "@article{wrapped, title = {Wrapped}, author = {Lee, Ann}, year = 2021,\n"
        "  url = {https://example.org/a/very/long/\n    path/to/the/paper}}\n",
    )
    papers = {paper.title: paper for paper in imported}
    screening = papers["Molecular Screening"]
    assert screening.links == {
        "url": "https://pubs.rsc.org/en/content/articlehtml/2020/cc/d0cc03512b",
        "code": "https://github.com/ww/screen",
    }
    assert screening.pdf == "https://x.org/w.pdf"
    assert screening.review == (
        "its `url` holds 5 addresses; not linked: https://pubs.rsc.org/en/content/articlelanding/2020/cc/d0cc03512b "
        "(add any to `links` under a label of its own)"
    )
    assert papers["Wrapped"].links == {"url": "https://example.org/a/very/long/path/to/the/paper"} and papers["Wrapped"].review == ""


def test_a_jabref_library_s_files_are_found_in_its_file_directory(tmp_path):
    """JabRef writes where a library keeps its files into the .bib (`@Comment{jabref-meta:
    fileDirectory:papers;}`, or a user's own `fileDirectory-ann-laptop:…`), and each `file`
    record's path starts there."""
    (tmp_path / "library/papers/2023").mkdir(parents=True)
    (tmp_path / "library/papers/2023/Lee2023.pdf").write_bytes(b"%PDF-1.4\n")
    root, (paper,) = imported_site(
        tmp_path / "library",
        "refs.bib",
        "@article{Lee2023, title = {Fast Models}, author = {Lee, Ann}, year = 2023, file = {:2023/Lee2023.pdf:PDF}}\n\n"
        "@Comment{jabref-meta: databaseType:biblatex;}\n\n@Comment{jabref-meta: fileDirectory-ann-laptop:papers;}\n",
    )
    assert paper.pdf == "/static/pdf/2023/Lee2023.pdf" and (root / "static/pdf/2023/Lee2023.pdf").is_file()
    assert paper.review == ""


def test_better_bibtex_s_prepublished_preprint_has_no_note_saying_so(tmp_path):
    """Better BibTeX writes `pubstate = {prepublished}` on every preprint it exports: its e-print
    id says so already. An article that is prepublished (online first) keeps it in its note."""
    _, imported = imported_site(
        tmp_path,
        "refs.bib",
        "@online{liu2023, title = {Visual Instruction Tuning}, author = {Liu, Haotian}, date = {2023-04-17},\n"
        "  eprint = {2304.08485}, eprinttype = {arXiv}, eprintclass = {cs}, pubstate = {prepublished}}\n"
        "@article{lee2024, title = {Online First}, author = {Lee, Ann}, journaltitle = {Nature}, date = {2024},\n"
        "  pubstate = {prepublished}}\n",
    )
    papers = {paper.bibtex_key: paper for paper in imported}
    assert (papers["liu2023"].type, papers["liu2023"].note) == ("preprint", "")
    assert papers["lee2024"].note == "Pre-published"


def test_the_full_stop_pubmed_ends_a_title_with_is_not_the_title_s(tmp_path):
    """EndNote's and RIS exports of PubMed records end every title with a full stop, as MEDLINE
    does: pages showed "Deep learning." An abbreviation's stop and a question's mark stay."""
    papers, _ = bib_papers(
        tmp_path,
        "@article{a, title={Highly accurate protein structure prediction with AlphaFold.}, author={Jumper, John}, year=2021}\n"
        "@article{b, title={Vitamin D.}, author={Lee, Ann}, year=2021}\n"
        "@article{c, title={Growth in the U.S.}, author={Lee, Ann}, year=2022}\n"
        "@article{d, title={Is attention all you need?}, author={Lee, Ann}, year=2023}\n"
        "@article{e, title={Models by Smith et al.}, author={Lee, Ann}, year=2024}\n",
    )
    assert [paper.title for paper in papers] == [
        "Highly accurate protein structure prediction with AlphaFold",
        "Vitamin D",
        "Growth in the U.S.",
        "Is attention all you need?",
        "Models by Smith et al.",
    ]
