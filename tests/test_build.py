"""Building the shipped site: every page present, every link resolving, output deterministic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, build, copy_site, export_targets, tree_bytes

from site_builder.errors import Problems
from site_builder.fast.incremental import build_site
from site_builder.output.folder import MARKER
from site_builder.output.sitecheck import crawl, folder_fetch


def broken_links(out: Path, base_url: str = "/") -> list[str]:
    """Every problem the site checker finds, starting from every HTML page on disk."""
    starts = [base_url + str(p.relative_to(out)).removesuffix("index.html") for p in out.rglob("*.html")]
    return crawl(starts, folder_fetch(out, base_url), base_url)[1]


def test_every_page_is_present(shipped_site):
    out = shipped_site / "_site"
    papers = sorted(p.stem for p in (REPO / "content/papers").glob("*.md"))
    assert len(papers) == 47
    for slug in papers:
        assert (out / "papers" / slug / "index.html").is_file()
    for path in ("index.html", "404.html", "authors/index.html", "topics/index.html", "sitemap.xml", "robots.txt", ".nojekyll"):
        assert (out / path).is_file(), path
    for path in (
        "authors/han-cai",
        "authors/aditi",
        "topics/computer-vision",
        "topics/machine-learning",
        "topics/diffusion-models",
        "years/2026",
    ):
        assert (out / path / "index.html").is_file(), path


def test_every_internal_link_resolves(shipped_site):
    assert broken_links(shipped_site / "_site") == []


def test_pages_show_what_the_issue_asks(shipped_site):
    out = shipped_site / "_site"
    home = (out / "index.html").read_text(encoding="utf-8")
    years = re.findall(r'<h2 id="year-(\d{4})"', home)
    assert years == sorted(years, reverse=True) and years[0] == "2026"
    assert home.count('class="paper-item"') == 47
    paper = (out / "papers/efficientvit/index.html").read_text(encoding="utf-8")
    assert "<h1>EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction</h1>" in paper
    assert '<a class="author member" href="/authors/han-cai/">Han Cai</a>' in paper
    assert '<a class="tag" href="/topics/computer-vision/">Computer Vision</a>' in paper
    lite = (out / "papers/lite-pose/index.html").read_text(encoding="utf-8")
    assert '<a href="https://github.com/mit-han-lab/litepose">https://github.com/mit-han-lab/litepose</a>.' in lite
    author = (out / "authors/han-cai/index.html").read_text(encoding="utf-8")
    assert "<h1>Han Cai" in author and "Co-authors" in author and 'href="/authors/song-han/"' in author
    topic = (out / "topics/computation-and-language/index.html").read_text(encoding="utf-8")
    assert "<h1>Computation and Language</h1>" in topic


def test_sitemap_lists_every_page(shipped_site):
    out = shipped_site / "_site"
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>https://example\.github\.io/(.*?)</loc>", sitemap))
    html_pages = {str(p.relative_to(out).parent) + "/" for p in out.rglob("index.html")}
    assert {p.replace("./", "") for p in html_pages} == locations


def test_two_builds_are_byte_identical(tmp_path):
    root = copy_site(tmp_path / "site")
    first = tree_bytes(build(root, tmp_path / "one"))
    second = tree_bytes(build(root, tmp_path / "two"))
    assert first == second


def test_base_url_prefixes_every_link(tmp_path):
    root = copy_site(tmp_path / "site")
    out = build(root, tmp_path / "out", base_url="/some-repo/")
    assert broken_links(out, "/some-repo/") == []
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="/some-repo/static/style.css"' in home and 'href="/papers/' not in home


def test_a_failing_build_leaves_the_previous_output(tmp_path):
    root = copy_site(tmp_path / "site")
    out = build(root)
    before = tree_bytes(out)
    (root / "content/papers/hat.md").write_text("---\ntitle: HAT\n---\n", encoding="utf-8")
    problems = Problems()
    assert build_site(root, out, problems) is None
    assert [str(p) for p in problems.errors] == [
        "content/papers/hat.md:2: error: missing `authors` (add a line `authors: ...` to the front matter)",
        "content/papers/hat.md:2: error: missing `date` (add a line `date: ...` to the front matter)",
    ]
    assert tree_bytes(out) == before
    assert not list(tmp_path.glob("site/.*building*"))


def test_template_error_names_the_template_and_line(tmp_path):
    root = copy_site(tmp_path / "site")
    template = root / "templates/topic.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{{ topic.name }}</h1>", "{{ topic.nmae }}</h1>"), encoding="utf-8")
    problems = Problems()
    assert build_site(root, root / "_site", problems) is None
    first = str(problems.errors[0])
    assert first == (
        "templates/topic.html:8: error: template error: 'site_builder.site.model.Topic object' has no attribute 'nmae' "
        "(while rendering topic 'Artificial Intelligence' and 13 more)"
    )
    assert len(problems.errors) == 1
    # The paper pages rendered, and Pagefind was indexing them, when the topic pages failed:
    # it was let finish, and its staging folder is gone.
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("._site")) == []


@pytest.mark.parametrize("name", [".", "content", "templates", "static", "content/papers"])
def test_refuses_to_replace_the_sources(tmp_path, name):
    root = copy_site(tmp_path / "site")
    problems = Problems()
    assert build_site(root, root / name, problems) is None
    assert "output" in str(problems.errors[0])
    assert (root / "content/papers/hat.md").exists()


def test_refuses_a_folder_it_did_not_make(tmp_path):
    root = copy_site(tmp_path / "site")
    stranger = tmp_path / "mine"
    stranger.mkdir()
    (stranger / "thesis.tex").write_text("precious", encoding="utf-8")
    problems = Problems()
    assert build_site(root, stranger, problems) is None
    assert str(problems.errors[0]) == (
        f"{stranger}: error: the folder is not empty and was not made by site_builder "
        "(choose another --out, or empty the folder yourself if you want it replaced)"
    )
    out = build(root, tmp_path / "fresh")
    assert (out / MARKER).is_file()
    build(root, out)  # its own output is replaced without complaint


def test_hostile_text_is_inert(tmp_path):
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    text = paper.read_text(encoding="utf-8")
    text = text.replace("title: 'HAT:", "title: '<script>alert(1)</script> HAT:")
    text += "\n<img src=x onerror=alert(1)> [click](javascript:alert(1)) \\href{javascript:alert(2)}{two}\n"
    paper.write_text(text, encoding="utf-8")
    out = build(root)
    html = (out / "papers/hat/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert not re.search(r"(href|src)=\"\s*javascript:", html, re.IGNORECASE)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; HAT:" in html


def test_exports_feeds_and_search_can_be_switched_off(tmp_path):
    root = copy_site(tmp_path / "site")
    settings = root / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "exports: [ris]\nfeeds: false\nsearch: false\n", encoding="utf-8")
    out = build(root)
    assert not list(out.rglob("*.bib")) and not list(out.rglob("feed.xml")) and not (out / "pagefind").exists()
    assert len(list(out.rglob("*.ris"))) == export_targets(out)
    assert not (out / "search").exists()
    assert broken_links(out) == []
    html = (out / "papers/hat/index.html").read_text(encoding="utf-8")
    assert 'href="/search/"' not in html and "application/atom+xml" not in html


def test_unknown_export_format_is_an_error(tmp_path):
    root = copy_site(tmp_path / "site")
    settings = root / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + "exports: [bibtex, word]\n", encoding="utf-8")
    problems = Problems()
    assert build_site(root, root / "_site", problems) is None
    line = text.count("\n") + 1
    assert [str(p) for p in problems.errors] == [
        f"site.yaml:{line}: error: `exports` names `word`: the citation formats are bibtex, ris, which EndNote, Zotero and Mendeley "
        "read, and csljson (write `exports: [bibtex]`, or `exports: []` for none)"
    ]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("language: English", "`language` 'English' is not a language tag, which pages give browsers and screen readers (write `language: en`)"),
        ("language: Klingon", "`language` 'Klingon' is not a language tag, which pages give browsers and screen readers "
         "(write a tag such as `en`, `de`, `pt-BR` or `zh-Hans`)"),
        ("members: Ann Lee, Bo Chen", "`members` must be a list of names (write `members: [Ann Lee, Bo Chen]`)"),
        ("exports: bibtex, ris", "`exports` must be a list: the citation formats are bibtex, ris, which EndNote, Zotero and Mendeley read, "
         "and csljson (write `exports: [bibtex, ris]`, or `exports: []` for none)"),
    ],
)  # fmt: skip
def test_settings_written_otherwise_are_answered_with_the_line_to_write(tmp_path, line, said):
    root = copy_site(tmp_path / "site", with_papers=False)
    text = (root / "site.yaml").read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^{line.split(':')[0]}:.*\n(?:  - .*\n)*", "", text) + line + "\n"
    (root / "site.yaml").write_text(text, encoding="utf-8")
    problems = Problems()
    assert build_site(root, root / "_site", problems) is None
    assert [p.message + f" ({p.hint})" for p in problems.errors] == [said]


def test_a_killed_build_leaves_the_site_and_the_next_build_clears_its_staging(tmp_path):
    """kill -9 in the middle of a build: the live site is as it was, and the staging folder it
    leaves behind is removed by the next build (its process is gone)."""
    import signal
    import subprocess
    import sys
    import time

    root = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "site_builder", "--root", str(root), "build", "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    before = tree_bytes(out)
    template = root / "templates/paper.html"  # every paper page changes: a long build
    template.write_text(template.read_text(encoding="utf-8").replace("</article>", "</article><!-- changed -->"), encoding="utf-8")
    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = tmp_path / f".out.building-{build.pid}"
    deadline = time.monotonic() + 60
    while not any(staging.glob("papers/*/index.html")) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert staging.is_dir(), "the build ended before it could be killed mid-way"
    assert tree_bytes(out) == before
    subprocess.run(command, check=True, capture_output=True)
    left = {p.name: sorted(str(f.relative_to(p)) for f in p.rglob("*"))[:5] for p in tmp_path.iterdir() if p.name.startswith(".")}
    assert left == {}
    assert "<!-- changed -->" in (out / "papers/hat/index.html").read_text(encoding="utf-8")


def test_the_reference_build_from_the_command_line_is_the_site(tmp_path, capsys):
    """`build --reference` runs the pipeline alone and writes what the usual build writes."""
    from site_builder.cli import main

    root = copy_site(tmp_path / "site")
    assert main(["--root", str(root), "build", "--reference", "--out", str(tmp_path / "reference")]) == 0
    said = capsys.readouterr().out
    assert main(["--root", str(root), "build", "--out", str(tmp_path / "fast")]) == 0
    assert re.search(r"built (\d+) pages \(\1 rendered\)", said), said
    assert tree_bytes(tmp_path / "reference") == tree_bytes(tmp_path / "fast")


def _filter_choices(page: str) -> dict[str, list[str]]:
    """The values each `<select>` of a page's filter offers, "All ..." left out."""
    choices = {}
    for name, options in re.findall(r'<select name="(\w+)">(.*?)</select>', page, re.S):
        choices[name] = [value for value in re.findall(r'<option value="([^"]*)">', options) if value]
    return choices


def test_the_home_filter_offers_what_its_page_holds(tmp_path, shipped_site):
    import datetime as dt

    from site_builder.site.model import Paper
    from site_builder.site.pages import PAGE_SIZE
    from site_builder.source.frontmatter import render_paper

    whole = _filter_choices((shipped_site / "_site/index.html").read_text(encoding="utf-8"))
    assert len(whole["author"]) == len(list((shipped_site / "_site/authors").glob("*/index.html")))
    assert len(whole["topic"]) == len(list((shipped_site / "_site/topics").glob("*/index.html")))

    root = copy_site(tmp_path / "site", with_papers=False)
    for n in range(PAGE_SIZE + 5):  # the newest 200 on the first page, five from 2010-11 on the second
        day = dt.date(2010, 12, 29) + dt.timedelta(days=n)
        paper = Paper(f"p{n}", f"Paper {n}", ("Ann Lee", f"Author {n}"), day, "CV" if n < 5 else "ML")
        (root / f"content/papers/p{n}.md").write_text(render_paper(paper), encoding="utf-8")
    out = build(root, tmp_path / "out")
    first_page = (out / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Filter the papers on this page"' in first_page
    first = _filter_choices(first_page)
    second = _filter_choices((out / "page/2/index.html").read_text(encoding="utf-8"))
    assert second["author"] == sorted(["ann-lee", *(f"author-{n}" for n in range(5))])
    assert second["year"] == ["2011", "2010"] and second["topic"] == ["computer-vision"]
    assert "ann-lee" in first["author"] and "author-4" not in first["author"]
    assert len(first["author"]) == PAGE_SIZE + 1 and first["year"] == ["2011"]
    assert first["topic"] == ["machine-learning"]


def test_a_large_collaborations_paper_names_everyone_on_its_page_only(tmp_path):
    import json

    from conftest import large_collaboration_site, nu_errors

    root, team = large_collaboration_site(tmp_path / "site")
    out = build(root)
    assert sorted(p.parent.name for p in out.glob("authors/*/index.html")) == ["ji-lin", "physicist-ad", "song-han"]
    assert broken_links(out) == []
    page = (out / "papers/higgs/index.html").read_text()
    shown = page.split('<details class="all-authors" data-pagefind-ignore>')[0].rsplit('<p class="paper-authors">', 1)[1].split("</p>")[0]
    assert shown.count('class="author') == 11 and f"and {len(team) - 11:,} more" in shown
    assert '<a class="author member" href="/authors/song-han/">Song Han</a>' in shown and ", …, " in shown
    # The panel is left out of the search index: the shown authors are searched, not thousands of names.
    every = page.split('<details class="all-authors" data-pagefind-ignore>')[1].split("</details>")[0]
    assert f"<summary>All {len(team)} authors</summary>" in every and every.count('class="author') == len(team)
    assert '<span class="author">Physicist Aa</span>' in every and '<a class="author" href="/authors/physicist-ad/">' in every
    assert page.count('name="citation_author"') == len(team)  # Scholar is given every author
    (article,) = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)]
    assert [a.get("url", "").rsplit("/", 2)[-2:] for a in article["author"] if "url" in a] == [["physicist-ad", ""], ["song-han", ""]]
    home = (out / "index.html").read_text()
    assert home.count("Physicist Aa") == 1 and f"and {len(team) - 11:,} more" in home
    # The list's BibTeX names the first ten and `others`, as ADS and INSPIRE export such a paper;
    # the page's names everyone.
    (listed,) = re.findall(r"author = \{([^}]*)\}", home.split('id="higgs"')[1].split("</li>")[0])
    assert listed.split(" and ") == [f"{name.split()[1]}, Physicist" for name in team[:10]] + ["others"]
    (complete,) = re.findall(r"author = \{([^}]*)\}", page.split('id="bibtex"')[1])
    assert len(complete.split(" and ")) == len(team) and "others" not in complete
    feed = (out / "feed.xml").read_text()
    assert feed.count("<author>") == 11 + 2  # the shown ones of the large paper, both of the small one
    assert nu_errors([out / "papers/higgs/index.html", out / "index.html"]) == ""


def test_a_name_written_with_latex_s_letters_is_one_person_with_the_letters(tmp_path):
    """`Paul Erd\\H{o}s` in the registry, in `members` and in one paper's block list, `Paul Erdős`
    in another paper's: one author page, with the bio, both papers and the member's mark, and
    each file said with its line to write."""
    root = copy_site(tmp_path / "site", with_papers=False)
    (root / "content/authors.yaml").write_text("- name: Paul Erd\\H{o}s\n  bio: Wrote many papers.\n", encoding="utf-8")
    settings = (root / "site.yaml").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(
        re.sub(r"(?ms)^members:\n(?:  - .*\n)+", "members:\n  - Paul Erd\\\\H{o}s\n", settings), encoding="utf-8"
    )
    papers = root / "content/papers"
    (papers / "one.md").write_text("---\ntitle: One\nauthors:\n  - Paul Erd\\H{o}s\n  - Ann Lee\ndate: 2020\n---\n", encoding="utf-8")
    (papers / "two.md").write_text("---\ntitle: Two\nauthors: [Paul Erdős, Ann Lee]\ndate: 2021\n---\n", encoding="utf-8")
    problems = Problems()
    out = tmp_path / "out"
    assert build_site(root, out, problems) is not None
    said = [f"{p.location.path}:{p.location.line}" for p in problems.warnings]
    members_line = settings.count("\n", 0, re.search(r"(?m)^members:", settings).start()) + 1
    assert sorted(said) == ["content/authors.yaml:1", "content/papers/one.md:3", f"site.yaml:{members_line}"]
    page = (out / "authors/paul-erdos/index.html").read_text(encoding="utf-8")
    assert "Paul Erdős" in page and "Wrote many papers." in page and "Erd\\H" not in page
    assert 'href="/papers/one/"' in page and 'href="/papers/two/"' in page
    assert not (out / "authors/paul-erd-h-o-s").exists()
    assert 'class="author member" href="/authors/paul-erdos/"' in (out / "papers/one/index.html").read_text(encoding="utf-8")
