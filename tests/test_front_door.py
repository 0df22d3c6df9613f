"""The lab's front door: People by role with photos, member pages, the home page's introduction
and selection, rich paper entries, math in titles and the lab's own pages."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import REPO, build, copy_site, rich_site
from PIL import Image

from site_builder.errors import Problems
from site_builder.fast.incremental import build_site
from site_builder.importing.normalize import base_slug
from site_builder.site.model import Paper
from site_builder.site.venues import short_venue, venue_badge
from site_builder.text.links import paper_buttons


def _page(front_door, path: str) -> str:
    return (front_door / "_site" / path / "index.html").read_text(encoding="utf-8")


def test_people_are_grouped_by_role_pi_first_alumni_last(front_door):
    people = _page(front_door, "authors")
    headings = re.findall(r'<h2 id="[^"]+">([^<]+)</h2>', people)
    assert headings == ["Principal Investigator", "PhD Student", "Lab members", "Alumni", "Co-authors"]
    pi = people[people.index("Principal Investigator") : people.index("PhD Student")]
    assert ">Song Han</a>" in pi
    photo = re.search(
        r'<img class="photo" src="/static/(img/photo-song-han-[0-9a-f]+\.jpg)" width="(\d+)" height="(\d+)" alt="Song Han" loading="lazy"',
        pi,
    )
    assert photo, pi
    with Image.open(front_door / "_site/static" / photo.group(1)) as image:  # resized at build: 900×1200 -> 320×427
        assert image.size == (int(photo.group(2)), int(photo.group(3))) == (320, 427)
    alumni = people[people.index(">Alumni<") : people.index("Co-authors")]
    assert ">Ji Lin</a>" in alumni


def test_a_member_page_shows_photo_role_bio_and_links_above_the_papers(front_door):
    song = _page(front_door, "authors/song-han")
    header = song[song.index('<header class="person-header">') : song.index('class="year-group"')]
    assert 'class="photo large"' in header and 'alt="Song Han"' in header
    assert '<p class="role">Principal Investigator</p>' in header
    assert "<strong>efficient</strong>" in header and 'href="https://hanlab.mit.edu"' in header
    assert [label for label in re.findall(r'class="link-button" href="[^"]+">([^<]+)<', header)] == ["Homepage", "Scholar", "GitHub"]
    assert '<meta name="description" content="Leads the lab. Works on efficient deep learning: see the lab.">' in song
    assert '<meta name="description" content="Publications by Han Cai">' in _page(front_door, "authors/han-cai")  # no bio


def test_home_has_the_introduction_then_selected_papers_then_every_paper(front_door):
    home = (front_door / "_site/index.html").read_text(encoding="utf-8")
    intro, selected, everything = home.index('class="intro-text"'), home.index("Selected papers"), home.index("All papers")
    assert intro < selected < everything
    assert "<strong>efficient</strong> AI" in home[intro:selected]
    chosen = re.findall(r'<li class="selected-item">.*?<a href="/papers/([^/]+)/"', home[selected:everything], re.S)
    assert chosen == ["linear-knn", "sana", "efficientvit", "once-for-all", "proxylessnas"]  # newest first
    assert home.count('class="paper-item"') == len(list((front_door / "content/papers").glob("*.md")))
    assert len(set(re.findall(r' id="([^"]+)"', home))) == len(re.findall(r' id="([^"]+)"', home))  # no id twice


def test_a_rich_entry_has_its_badge_buttons_teaser_abstract_and_bibtex(front_door):
    home = (front_door / "_site/index.html").read_text(encoding="utf-8")
    item = home[home.index('<li class="paper-item" id="linear-knn"') :]
    item = item[: item.index("</div>\n</li>")]
    assert '<span class="venue-badge" title="Advances in Neural Information Processing Systems">NeurIPS 2026</span>' in item
    labels = re.findall(r'class="link-button" href="[^"]+">([^<]+)<', item)
    assert labels == ["arXiv", "Code", "Project", "Video", "Slides"]
    assert 'href="/static/slides/linear-knn.pdf"' in item
    teaser = re.search(
        r'<img class="teaser" src="/static/img/teaser-linear-knn-[0-9a-f]+\.png" width="480" height="270" alt="" loading="lazy"', item
    )
    assert teaser, item
    assert '<details class="more"><summary>Abstract</summary>' in item
    # the list shows the abstract as text, saying what the paper page says: no Markdown marks, `~4x` kept
    assert "We make attention 𝒪(n) with exact k-nearest-neighbour retrieval over keys, ~4x faster." in item
    assert "<summary>BibTeX</summary>" in item and "@inproceedings{han2026attention," in item  # no LaTeX command in the key
    assert "Cited by 42" in item
    assert '<span class="award-badge" title="Outstanding Paper Award, NeurIPS 2026">Outstanding Paper</span>' in item
    paper = _page(front_door, "papers/linear-knn")
    assert "<dt>Cited by</dt>" in paper and 'class="teaser"' in paper
    assert '<dt>Award</dt><dd><span class="award-badge">Outstanding Paper</span> Outstanding Paper Award, NeurIPS 2026</dd>' in paper
    assert '"award":"Outstanding Paper Award, NeurIPS 2026"' in paper  # JSON-LD
    assert "award" not in item[item.index("<summary>BibTeX</summary>") :]  # citations stay as BibTeX styles read them


def test_equal_contribution_and_corresponding_authors_are_marked(front_door):
    home = (front_door / "_site/index.html").read_text(encoding="utf-8")
    item = home[home.index('<li class="paper-item" id="linear-knn"') :]
    authors = item[item.index('<p class="paper-authors">') : item.index("</p>")]
    assert re.findall(r">([^<>]+)</a>(<sup class=\"author-mark\">[^<]+</sup>)?", authors)[:2] == [
        ("Song Han", '<sup class="author-mark">*</sup>'),
        ("Han Cai", '<sup class="author-mark">*</sup>'),
    ]
    assert authors.count('<sup class="author-mark">✉</sup>') == 1 and 'Yujun Lin</a><sup class="author-mark">✉</sup>' in authors
    paper = _page(front_door, "papers/linear-knn")
    assert '<p class="author-notes">* Equal contribution · ✉ Corresponding author</p>' in paper
    plain = _page(front_door, "papers/efficientvit")
    assert "author-mark" not in plain and "author-notes" not in plain


def test_math_in_a_title_is_mathml_in_headings_and_text_elsewhere(front_door):
    paper = _page(front_door, "papers/linear-knn")
    heading = paper[paper.index("<h1>") : paper.index("</h1>")]
    assert heading.count("<math") == 2 and "\\mathcal" not in heading
    title = "𝒪(n) Attention: Linear-Time k-NN Transformers for Long Documents"
    assert f"<title>{title} · " in paper and f'<meta name="citation_title" content="{title}">' in paper
    feed = (front_door / "_site/feed.xml").read_text(encoding="utf-8")
    assert f"<title>{title}</title>" in feed
    ris = (front_door / "_site/publications.ris").read_text(encoding="utf-8")
    assert f"TI  - {title}" in ris
    bib = (front_door / "_site/publications.bib").read_text(encoding="utf-8")
    assert "$\\mathcal{O}(n)$" in bib  # BibTeX reads math itself
    assert base_slug("$\\mathcal{O}(n)$ Attention for $\\alpha$-Nets") == "o-n-attention-for-a-nets"


def test_the_labs_own_pages_are_in_the_navigation(front_door):
    about = _page(front_door, "about")
    assert "<h1>About the lab</h1>" in about and "<strong>efficient AI</strong>" in about
    assert '<meta name="description" content="We work on efficient AI. Write to us: lab@example.org.">' in about
    nav = re.findall(r'<li><a href="(/[^"]*)"[^>]*>([^<]+)</a></li>', about[: about.index("</nav>")])
    assert nav == [
        ("/", "Papers"),
        ("/authors/", "People"),
        ("/topics/", "Topics"),
        ("/about/", "About the lab"),
        ("/join/", "Join us"),
        ("/search/", "Search"),
    ]
    assert 'href="/about/" aria-current="page"' in about
    assert "<math" in _page(front_door, "join")
    assert "/about/" in (front_door / "_site/sitemap.xml").read_text(encoding="utf-8")


def test_bad_people_and_pages_are_errors_with_their_line(tmp_path):
    root = copy_site(tmp_path / "site")
    registry = root / "content/authors.yaml"
    registry.write_text(
        "- name: Song Han\n  rol: PI\n- name: Han Cai\n  photo: people/nobody.jpg\n" + registry.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (root / "content/pages").mkdir()
    (root / "content/pages/papers.md").write_text("---\ntitle: Clash\n---\n")
    (root / "content/pages/about.md").write_text("---\ntitel: About\nnav: first\n---\nText\n")
    problems = Problems()
    assert build_site(root, root / "_site", problems) is None
    messages = sorted(str(p) for p in problems.errors)
    assert messages == [
        "content/authors.yaml:1: error: unknown key `rol` in 'Song Han' (did you mean `role`?)",
        "content/authors.yaml:3: error: `photo` 'people/nobody.jpg': there is no file content/people/nobody.jpg (put the picture there, or correct the path)",
        "content/pages/about.md:1: error: the page has no `title` (add `title: About us` to its front matter)",
        "content/pages/about.md:2: error: unknown key `titel` (did you mean `title`?)",
        "content/pages/papers.md: error: 'papers' cannot be a page's address (name the file like `about.md` or `join-us.md`)",
    ]


def test_an_unreadable_photo_is_an_error_and_nothing_is_written(tmp_path):
    root = rich_site(tmp_path / "site")
    (root / "content/people/han-cai.png").write_bytes(b"not a picture")
    problems = Problems()
    assert build_site(root, root / "_site", problems) is None
    assert str(problems.errors[0]).startswith("content/people/han-cai.png: error: cannot read the picture:")
    assert not (root / "_site").exists()


def test_a_teaser_that_is_not_there_is_a_warning_and_the_page_has_none(tmp_path):
    """An imported .bib names previews the lab keeps elsewhere (al-folio's `preview = {x.jpg}`):
    the build says which and goes on without the picture."""
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("\ntopics:", "\nimage: bib_2020_hat.jpg\ntopics:", 1), encoding="utf-8")
    problems = Problems()
    assert build_site(root, root / "_site", problems) is not None
    assert [str(p) for p in problems.warnings] == [
        "content/papers/hat.md: warning: `image` 'bib_2020_hat.jpg': no such file next to the paper (put it in content/papers/)"
    ]
    assert "bib_2020_hat" not in (root / "_site/papers/hat/index.html").read_text(encoding="utf-8")


def test_a_changed_photo_is_resized_again(tmp_path):
    root = rich_site(tmp_path / "site")
    out = root / "_site"
    assert build_site(root, out, Problems()) is not None
    shutil.copy(root / "content/papers/linear-knn.png", root / "content/people/han-cai.png")  # 1600×900 now
    assert build_site(root, out, Problems()) is not None
    page = (out / "authors/han-cai/index.html").read_text(encoding="utf-8")
    assert 'width="320" height="180"' in page
    assert len(list((out / "static/img").glob("photo-han-cai-*"))) == 1  # the old size is gone


def test_pictures_another_version_resized_are_made_again_under_the_same_names(tmp_path, monkeypatch):
    import site_builder.code
    from site_builder.fast.cache import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = rich_site(tmp_path / "site")
    out = root / "_site"
    assert build_site(root, out, Problems()) is not None
    names = sorted(p.name for p in (out / "static/img").iterdir())
    pictures = cache_dir(root) / "pictures"
    assert len(list(pictures.iterdir())) == 1  # one version's copies
    monkeypatch.setattr(site_builder.code, "code_version", lambda: "0123456789abcdef")
    assert build_site(root, out, Problems()) is not None
    versions = sorted(pictures.iterdir(), key=lambda folder: folder.stat().st_mtime_ns)
    assert len(versions) == 2 and sorted(p.name for p in (versions[-1] / "img").glob("*") if not p.name.endswith(".size")) == names
    assert sorted(p.name for p in (out / "static/img").iterdir()) == names  # the names pages link to are the same


@pytest.mark.parametrize(
    ("venue", "short", "expected"),
    [
        ("Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV)", "", "ICCV 2023"),
        ("Advances in Neural Information Processing Systems 36", "", "NeurIPS 2023"),
        ("Proceedings of the AAAI Conference on Artificial Intelligence (AAAI-18)", "", "AAAI 2018"),  # the edition's year
        ("Proceedings of ASPLOS '26 (ASPLOS '26)", "", "ASPLOS 2026"),
        ("Computer Vision -- ECCV 2022", "", "ECCV 2022"),  # Springer's volume, dated the year after
        ("Learning on Graphs Conference", "", "LoG 2023"),
        ("Journal of Obscure Results", "", ""),
        ("Journal of Obscure Results", "JOR", "JOR 2023"),
        ("Conference on Computer Vision and Pattern Recognition", "CVPR 2022", "CVPR 2022"),  # its own year stays alone
        ("International Conference on Learning Representations", "ICLR'24", "ICLR'24"),
        ("AAAI Conference on Artificial Intelligence", "AAAI-18", "AAAI-18"),
        ("Hugo Blox Builder Conference", "Proc. 12th HBC", "Proc. 12th HBC 2023"),
        ("Findings of the Association for Computational Linguistics: EMNLP 2023", "", "Findings of EMNLP 2023"),
        ("Findings of the Association for Computational Linguistics", "", ""),  # which conference's: not said
        ("Medical Image Computing and Computer Assisted Intervention -- MICCAI 2023", "", "MICCAI 2023"),
        ("Proceedings of the ACM on Human-Computer Interaction: CSCW", "", "CSCW 2023"),
        ("Robotics: Science and Systems", "", "RSS 2023"),  # words after a colon are no acronym
        ("Journal of Things - Part B", "", ""),
        ("IEEE International Conference on Acoustics, Speech and Signal Processing", "", "ICASSP 2023"),
    ],
)
def test_venue_badges(venue, short, expected):
    paper = Paper("x", "T", ("A",), __import__("datetime").date(2023, 5, 1), venue=venue, venue_short=short)
    assert venue_badge(paper, (("Learning on Graphs", "LoG"),)) == expected
    assert short_venue(Paper("x", "T", ("A",), paper.date)) == ""


def test_buttons_name_every_link_once_usual_ones_first():
    import datetime as dt

    paper = Paper(
        "x", "T", ("A",), dt.date(2023, 1, 1), pdf="https://a.org/x.pdf", arxiv="2301.00001", doi="10.1/x",
        links={"preprint": "https://arxiv.org/abs/2301.00001", "poster": "https://a.org/p.pdf", "code": "https://github.com/a/x", "Colab": "https://colab.research.google.com/x"},
    )  # fmt: skip
    assert [label for label, _ in paper_buttons(paper)] == ["PDF", "arXiv", "DOI", "Code", "Poster", "Colab"]


def test_links_to_one_page_written_two_ways_are_one_button():
    import datetime as dt

    links = {
        "project": "https://Lab.example.org/Proj/",
        "url": "http://www.lab.example.org/proj",
        "code": "https://github.com/MIT-Lab/X",
        "github": "https://github.com/mit-lab/x/",
        "slides": "/static/slides.pdf",
        "poster": "/static/Slides.pdf",
        "video": "https://lab.example.org/proj?v=1",
    }
    paper = Paper("x", "T", ("A",), dt.date(2023, 1, 1), links=links)
    assert paper_buttons(paper) == [
        ("Code", "https://github.com/MIT-Lab/X"),
        ("Project", "https://Lab.example.org/Proj/"),
        ("Video", "https://lab.example.org/proj?v=1"),
        ("Slides", "/static/slides.pdf"),
        ("Poster", "/static/Slides.pdf"),  # the site's own files keep their case: two files
    ]


def test_a_papers_page_elsewhere_is_named_by_its_place_not_called_its_website():
    import datetime as dt

    def labels(url: str, key: str = "url") -> list[str]:
        return [label for label, _ in paper_buttons(Paper("x", "T", ("A",), dt.date(2023, 1, 1), links={key: url}))]

    assert labels("https://openreview.net/forum?id=TYw3-OlrRm-") == ["OpenReview"]
    assert labels("https://www.sciencedirect.com/science/article/pii/S0001") == ["ScienceDirect"]
    assert labels("https://aclanthology.org/2023.acl-long.1/") == ["ACL Anthology"]
    assert labels("https://inspirehep.net/literature/1124337") == ["INSPIRE"]
    assert labels("https://mathscinet.ams.org/mathscinet-getitem?mr=2784665") == ["MathSciNet"]
    # under a place's domain, the most particular name known
    assert labels("https://api.semanticscholar.org/CorpusID:123456789") == ["Semantic Scholar"]
    assert labels("https://journals.aps.org/prl/abstract/10.1103/PhysRevLett.1.1") == ["APS"]
    assert labels("https://www.ams.org/journals/jams/2020-33-01/") == ["AMS"]
    assert labels("https://pubmed.ncbi.nlm.nih.gov/31234567/") == ["PubMed"]
    assert labels("https://www.researchgate.net/publication/1_X") == ["ResearchGate"]
    assert labels("https://notsemanticscholar.org/x") == ["Website"]  # a domain's own name, not its ending
    assert labels("https://lab.example.org/thing/") == ["Website"]
    assert labels("https://openreview.net/forum?id=x", key="website") == ["Website"]  # a label the lab chose stays
    # a link an abstract named, keyed by its host: its place, or its host as written (not `Openmdw.ai`)
    assert labels("https://openreview.net/forum?id=x", key="openreview.net") == ["OpenReview"]
    assert labels("https://openmdw.ai/license/1-1/", key="openmdw.ai") == ["openmdw.ai"]


def test_the_shipped_site_names_its_pi_and_landmark_papers(shipped_site):
    people = (shipped_site / "_site/authors/index.html").read_text(encoding="utf-8")
    assert people.index("Principal Investigator") < people.index(">Song Han</a>") < people.index("Lab members")
    home = (shipped_site / "_site/index.html").read_text(encoding="utf-8")
    assert home.count('<li class="selected-item">') == 4
    assert (
        '<span class="venue-badge" title="Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV)">ICCV 2023</span>'
        in home
    )
    assert (REPO / "content/authors.yaml").read_text(encoding="utf-8").count("role:") == 1  # only what the lab's pages say


def test_a_papers_category_is_named_as_arxiv_names_it(tmp_path, shipped_site):
    lite_pose = (shipped_site / "_site/papers/lite-pose/index.html").read_text(encoding="utf-8")
    assert "<dt>Category</dt><dd>Computer Vision and Pattern Recognition (cs.CV)</dd>" in lite_pose  # written `CV`
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("category: CL\n", "category: quant-ph\n"), encoding="utf-8")
    other = root / "content/papers/efficientvit.md"
    other.write_text(other.read_text(encoding="utf-8").replace("category: CV\n", "category: Robotics & Vision\n"), encoding="utf-8")
    out = build(root)
    assert "<dt>Category</dt><dd>Quantum Physics (quant-ph)</dd>" in (out / "papers/hat/index.html").read_text(encoding="utf-8")
    # a code arXiv does not know, as written (and escaped)
    page = (out / "papers/efficientvit/index.html").read_text(encoding="utf-8")
    assert "<dt>Category</dt><dd>Robotics &amp; Vision</dd>" in page
