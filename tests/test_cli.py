"""The command line as a user runs it: exit codes, messages, never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_LISTING, copy_site


def site_builder(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), *args], capture_output=True, text=True, timeout=120)


def test_import_build_check(tmp_path):
    root = copy_site(tmp_path / "site", with_papers=False)
    done = site_builder(root, "import", str(SEED_LISTING), "--as-of", "2026-11-27")
    assert done.returncode == 0, done.stderr
    done = site_builder(root, "build", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("built 604 pages (604 rendered) into")
    done = site_builder(root, "check")
    assert (done.returncode, done.stdout) == (0, "ok: 47 papers, 65 authors, 14 topics\n")


def test_check_reports_every_problem_and_exits_1(tmp_path):
    root = copy_site(tmp_path / "site")
    (root / "content/papers/hat.md").write_text("---\ntitle: HAT\nauthors: Han Cai\ndate: soon\n---\n", encoding="utf-8")
    (root / "content/papers/bad.md").write_text("no front matter\n", encoding="utf-8")
    settings = (root / "site.yaml").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(settings + "titel: x\n", encoding="utf-8")
    typo_line = settings.count("\n") + 1
    done = site_builder(root, "check")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "content/papers/bad.md:1: error: no front matter found (the file must start with a line `---`, then YAML, then `---`)",
        "content/papers/hat.md:3: error: `authors` must be a list of names, not the text 'Han Cai' (write `authors: [Han Cai]`)",
        "content/papers/hat.md:4: error: `date` 'soon' is not a date (write the year, year and month, or the full date that exists: `2022`, `2022-05` or `2022-05-29`)",
        f"site.yaml:{typo_line}: error: unknown key `titel` (did you mean `title`?)",
        "4 error(s); please fix them",
    ]


@pytest.mark.parametrize(
    ("written", "instead", "said"),
    [
        ("Hanrui Wang", "ji lin", ["'Ji Lin' and 'ji lin' look like one person (they differ only by accents, initials or case)"]),
        # both in one paper: not an alias, a name to delete
        (
            "Hanrui Wang",
            "han cai",
            [
                "content/papers/hat.md:3: warning: `authors` names 'han cai' and 'Han Cai': one person listed twice, spelt two ways? "
                "(if they are one person, delete one from `authors`: each spelling has an author page of its own)"
            ],
        ),
        # one exporter writes the family name first
        (
            "Hanrui Wang",
            "CAI Han",
            ["'CAI Han' and 'Han Cai' look like one person (the same names in the other order: family name first in one)"],
        ),
        (
            "authors: [Hanrui Wang,",
            "authors: ['Paul Erd\\H{o}s',",
            [
                "content/papers/hat.md:3: warning: `Paul Erd\\H{o}s`: read as written with LaTeX's letters",
                "(write the letters: `authors: [Paul Erdős, Zhanghao Wu,",
            ],
        ),
    ],
    ids=["case", "twice-in-one-paper", "family-name-first", "latex-letters"],
)
def test_check_warns_about_a_name_written_otherwise(tmp_path, written, instead, said):
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace(written, instead), encoding="utf-8")
    done = site_builder(root, "check")
    assert done.returncode == 0
    for words in said:
        assert words in done.stderr
    assert "'Han Cai' and 'han cai' look like one person" not in done.stderr
    assert "'Han Cai' and 'Song Han'" not in done.stderr and "'Song Han' and" not in done.stderr


def test_check_warns_about_marks_on_names_that_are_not_authors(tmp_path):
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace("topics:", "equal_contribution: [Han Cai]\ncorresponding: [Hna Cai]\ntopics:"),
        encoding="utf-8",
    )
    done = site_builder(root, "check")
    assert done.returncode == 0
    assert "content/papers/hat.md: warning: `corresponding` names 'Hna Cai', who is not among the paper's authors" in done.stderr
    assert "equal_contribution` names" not in done.stderr


def test_check_points_at_markdown_italics_in_a_title_with_the_title_to_write(tmp_path):
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    text = paper.read_text(encoding="utf-8")
    title_line = text.splitlines().index(next(line for line in text.splitlines() if line.startswith("title:"))) + 1
    written = "title: 'HAT for *lacZ* and <i>E. coli</i> in R&amp;D, not A* or snake_case'"
    paper.write_text(re.sub(r"(?m)^title: .*$", written, text), encoding="utf-8")
    done = site_builder(root, "check")
    assert done.returncode == 0
    assert (
        f"content/papers/hat.md:{title_line}: warning: the title's `*`, `_`, HTML tags or `&…;` references show on the pages as they "
        "are written (for italics write `\\emph{…}`, for a character the character: "
        "title: HAT for \\emph{lacZ} and \\emph{E. coli} in R&D, not A* or snake_case)"
    ) in done.stderr
    assert done.stderr.count("as they are written") == 1  # the shipped site's titles have none


def test_check_says_which_entries_of_one_name_cannot_be_told_apart(tmp_path):
    root = copy_site(tmp_path / "site")
    authors = root / "content/authors.yaml"
    authors.write_text(
        authors.read_text(encoding="utf-8")
        + "- name: Han Cai\n  slug: han-cai-other\n"  # a second Han Cai, told apart by nothing
        + "- name: Ji Lin\n  slug: ji-lin-other\n  papers: [hat, no-such-paper]\n"  # HAT has no Ji Lin
        + "- name: song han\n  slug: song-han-lower\n",  # Song Han again, in other letters
        encoding="utf-8",
    )
    done = site_builder(root, "check")
    assert done.returncode == 0
    assert "content/authors.yaml: warning: two entries are named 'Han Cai', so every paper's 'Han Cai' is the first of them" in done.stderr
    assert "two entries are named 'Song Han' and 'song han', which look like one person" in done.stderr
    assert "`papers` of 'Ji Lin' names 'no-such-paper', which is no paper" in done.stderr
    assert "`papers` of 'Ji Lin' names 'hat', whose authors do not include 'Ji Lin' or an alias" in done.stderr


def test_check_warns_about_initials_and_accents(tmp_path):
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("Hanrui Wang, Zhanghao Wu", "H. Cai, Zhänghao Wu"), encoding="utf-8")
    other = root / "content/papers/apq.md"
    other.write_text(other.read_text(encoding="utf-8").replace("Kuan Wang", "Zhanghao Wu"), encoding="utf-8")
    done = site_builder(root, "check")
    assert done.returncode == 0
    assert "'H. Cai' and 'Han Cai' look like one person" in done.stderr
    assert "'Zhanghao Wu' and 'Zhänghao Wu' look like one person" in done.stderr
    assert "'Han Cai' and 'Song Han'" not in done.stderr


def test_missing_listing_and_bad_date_argument(tmp_path):
    root = copy_site(tmp_path / "site", with_papers=False)
    done = site_builder(root, "import", str(tmp_path / "nope.txt"))
    assert done.returncode == 1
    assert f"{tmp_path / 'nope.txt'}: error: cannot read the listing: No such file or directory (check the path)" in done.stderr
    done = site_builder(root, "import", str(SEED_LISTING), "--as-of", "yesterday")
    assert done.returncode == 2 and "'yesterday' is not a date; write YYYY-MM-DD" in done.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("serve", "--port", "99999"), "argument --port: '99999' is not a port: write a number from 1 to 65535, like 8000"),
        (("build", "--site-url", "ftp://lab.org"), "argument --site-url: 'ftp://lab.org' is not a site's address: write it in full"),
        (("build", "--site-url", "lab.github.io"), "argument --site-url: 'lab.github.io' is not a site's address"),
        (("build", "--base-url", "/my repo/"), "argument --base-url: '/my repo/' has characters a path cannot hold"),
        (("check", "--base-url", "/a?b"), "argument --base-url: '/a?b' has characters a path cannot hold"),
    ],
)
def test_arguments_are_checked_as_the_settings_are(tmp_path, args, said):
    """`serve --port 99999` ended in a traceback; `build --site-url ftp://x` put `ftp://x/` in
    every canonical link and the sitemap, which `url:` in site.yaml never allowed."""
    root = copy_site(tmp_path / "site", with_papers=False)
    done = site_builder(root, *args)
    assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr
    assert not (root / "_site").exists()


def test_a_base_url_with_characters_no_path_holds_is_an_error_at_its_line(tmp_path):
    root = copy_site(tmp_path / "site", with_papers=False)
    settings = (root / "site.yaml").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(settings.replace("base_url: /", 'base_url: "/my lab/"'), encoding="utf-8")
    line = settings.splitlines().index("base_url: /") + 1
    done = site_builder(root, "check")
    assert done.returncode == 1 and done.stderr.startswith(
        f"site.yaml:{line}: error: `base_url` '/my lab/' has characters a path cannot hold (spaces, quotes, `?`, `#`) "
        "(write `/` for a user site or a custom domain, `/repo/` for a project site)"
    )


def test_not_a_site_folder(tmp_path):
    done = site_builder(tmp_path, "build")
    assert done.returncode == 1
    assert (
        "site.yaml: error: site.yaml is missing (run the command in a site folder, pass --root DIR, or start a site with `site-builder new DIR`)"
        in done.stderr
    )
    assert not (tmp_path / "_site").exists()


def test_bad_values_are_reported_by_check_build_and_never_as_a_traceback(tmp_path):
    root = copy_site(tmp_path / "site")
    pose = root / "content/papers/lite-pose.md"
    pose.write_text(pose.read_text(encoding="utf-8").replace("date: 2022-05-03", "date: 2024-13-45"), encoding="utf-8")
    once = root / "content/papers/once-for-all.md"
    once.write_text(once.read_text(encoding="utf-8").replace("bibtex_key: cai2019onceforall", "bibtex_key: wang2020hat"), encoding="utf-8")
    site = root / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("url: https://example.github.io", "url: mylab.github.io"), encoding="utf-8")
    for verb in ("check", "build"):
        done = site_builder(root, verb)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        lines = done.stderr.splitlines()
        assert any(line.startswith("content/papers/lite-pose.md:5: error: `date` '2024-13-45' is not a date") for line in lines), lines
        assert (
            "content/papers/once-for-all.md: error: `bibtex_key` 'wang2020hat' is also the key of content/papers/hat.md "
            "(give one of the two papers another key, or delete the line to have one made)"
        ) in lines or (
            "content/papers/hat.md: error: `bibtex_key` 'wang2020hat' is also the key of content/papers/once-for-all.md "
            "(give one of the two papers another key, or delete the line to have one made)"
        ) in lines
        assert any(line.startswith("site.yaml:4: error: `url` 'mylab.github.io' is not a web address with its scheme") for line in lines)
        assert any("(write it in full: `url: https://mylab.github.io`; " in line for line in lines)


def test_files_saved_in_another_encoding_are_said_at_their_line_never_as_a_traceback(tmp_path):
    """Notepad's "ANSI" and old editors save Windows-1252: site.yaml, authors.yaml, topics.yaml,
    index.md and a page gave a traceback; a paper file was said without its line."""
    root = copy_site(tmp_path / "site")
    (root / "content/pages").mkdir(exist_ok=True)
    (root / "content/pages/about.md").write_text("---\ntitle: About\n---\nHi\n", encoding="utf-8")
    (root / "content/index.md").write_text("Welcome\n", encoding="utf-8")
    edited = [
        "site.yaml",
        "content/authors.yaml",
        "content/topics.yaml",
        "content/index.md",
        "content/pages/about.md",
        "content/papers/hat.md",
    ]
    said = []
    for name in edited:
        text = (root / name).read_text(encoding="utf-8")
        (root / name).write_bytes(text.encode() + "# Café\n".encode("cp1252"))
        said.append(f"{name}:{text.count(chr(10)) + 1}: error: not UTF-8 text: the byte 0xE9, `é` in Windows-1252 ")
    for verb in ("check", "build"):
        done = site_builder(root, verb)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        lines = done.stderr.splitlines()
        assert all(any(line.startswith(start) for line in lines) for start in said), lines
        assert "(re-save it as UTF-8: the editor's Save As, or `iconv -f cp1252 -t utf-8`)" in lines[0]
    assert not (root / "_site").exists()


def test_a_file_saved_as_utf16_is_said_as_one(tmp_path):
    """Notepad's "Unicode" is UTF-16: its first byte is no Windows-1252 letter to convert from."""
    root = copy_site(tmp_path / "site")
    hat = root / "content/papers/hat.md"
    hat.write_bytes(hat.read_text(encoding="utf-8").encode("utf-16"))
    done = site_builder(root, "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        'content/papers/hat.md:1: error: not UTF-8 text: it is UTF-16, as Windows Notepad saves "Unicode" '
        "(re-save it as UTF-8: the editor's Save As, or `iconv -f utf-16 -t utf-8`)"
    ) in done.stderr.splitlines()


def test_a_year_only_date_builds_and_shows_as_a_year(tmp_path):
    root = copy_site(tmp_path / "site")
    hat = root / "content/papers/hat.md"
    hat.write_text(hat.read_text(encoding="utf-8").replace("date: 2020-05-28", "date: 2020"), encoding="utf-8")
    done = site_builder(root, "build", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out/papers/hat/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2020">2020</time>' in page and "January 1" not in page
    assert "month" not in (tmp_path / "out/papers/hat/wang2020hat.bib").read_text(encoding="utf-8")


def test_check_names_files_a_paper_links_that_are_not_there(tmp_path):
    """`pdf: /static/pdf/x.pdf` with no such file, a picture not beside the paper: the build
    publishes a button to nothing, a page without its picture; `check` says so at the line."""
    root = copy_site(tmp_path / "site")
    (root / "static/pdf").mkdir(parents=True)
    (root / "static/pdf/Here Too.pdf").write_bytes(b"%PDF-1.4\n")
    paper = root / "content/papers/hat.md"
    text = paper.read_text(encoding="utf-8").replace("\ndate:", "\npdf: /static/pdf/HAT.pdf\nimage: teaser.png\ndate:", 1)
    text = re.sub(r"\nlinks: .*", "\nlinks: {slides: '/static/pdf/Here%20Too.pdf', style: /static/style.css}", text)
    paper.write_text(text, encoding="utf-8")
    done = site_builder(root, "check")
    assert done.returncode == 0
    said = [line for line in done.stderr.splitlines() if "hat.md" in line]
    assert said == [
        "content/papers/hat.md:5: warning: `pdf` '/static/pdf/HAT.pdf' links static/pdf/HAT.pdf, which is not there "
        "(put the file there, or correct the link: names are case-sensitive)",
        "content/papers/hat.md:6: warning: `image` 'teaser.png': no such file next to the paper "
        "(put it in content/papers/, or correct the name: names are case-sensitive)",
    ]
