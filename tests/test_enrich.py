"""`site-builder enrich` against a local server that replays real answers of arXiv, Crossref,
OpenAlex and DBLP (`tests/replay.py`): matching, the merge into paper files, politeness
(rate limits, retries, the cache), and failures that write nothing."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time

import pytest
from conftest import build, nu_errors, tree_bytes
from replay import RECORDINGS, ReplayServer

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.newsite import create_site
from site_builder.scholarly.client import Client, ServiceError
from site_builder.scholarly.services import ArXiv, Crossref, Dblp
from site_builder.site.model import Paper
from site_builder.source.content import load_papers

# Three papers as a profile listing shows them: at most three authors, no venue, no DOI.
LISTING = """\
CLMay 8, 2024
Augmenting large language models with chemistry toolsAndres M. Bran, Sam Cox, Oliver Schilter et al.
Large language models perform well on tasks across domains but struggle with chemistry; we give one expert-designed tools.
CLDec 12, 2023
PaperQA: Retrieval-Augmented Generative Agent for Scientific ResearchJakub Lála, Odhran O'Donoghue, Aleksandar Shtedritski et al.
A retrieval-augmented agent that answers questions over the scientific literature.
CLJun 12, 2017
Attention Is All You NeedAshish Vaswani, Noam Shazeer, Niki Parmar et al.
The dominant sequence transduction models are based on complex recurrent or convolutional neural networks.
"""
# The lab's registry knows its PI's spellings: Crossref says "Andrew D. White", OpenAlex the full name.
AUTHORS = "- name: Andrew D. White\n  aliases: [Andrew Dickson White, Andrew White]\n  member: true\n"


@pytest.fixture
def replay():
    server = ReplayServer()
    yield server
    server.stop()


@pytest.fixture
def lab(tmp_path):
    root = tmp_path / "lab"
    create_site(root, "White Lab")
    config = root / "site.yaml"
    settings = config.read_text(encoding="utf-8").replace('contact: ""', "contact: lab@example.org")
    config.write_text(settings.replace("citation_counts: false", "citation_counts: true"), encoding="utf-8")
    (root / "content" / "authors.yaml").write_text(AUTHORS, encoding="utf-8")
    (tmp_path / "listing.txt").write_text(LISTING, encoding="utf-8")
    assert main(["--root", str(root), "import", str(tmp_path / "listing.txt"), "--as-of", "2026-12-01"]) == 0
    return root


def _enrich(lab, replay, *args) -> int:
    """`site-builder enrich ARGS` on the lab's site, every service pointed at the replay server."""
    return main(["--root", str(lab), "enrich", *args, *replay.apis()])


def _papers(root):
    return {p.slug: p for p in load_papers(root, Problems())}


def test_enrich_completes_the_papers_and_the_pi_gets_his_page(lab, replay, capsys):
    before = _papers(lab)
    assert before["augmenting-large-language-models-with-chemistry-tools"].et_al
    assert _enrich(lab, replay) == 0
    out = capsys.readouterr()
    assert "enriched: 3 matches, 0 unsure" in out.out
    papers = _papers(lab)

    chem = papers["augmenting-large-language-models-with-chemistry-tools"]
    assert chem.authors == ("Andres M. Bran", "Sam Cox", "Oliver Schilter", "Carlo Baldassari", "Andrew D. White", "Philippe Schwaller")
    assert not chem.et_al
    assert (chem.doi, chem.venue, chem.type) == ("10.1038/s42256-024-00832-8", "Nature Machine Intelligence", "journal")
    assert chem.pdf == "https://www.nature.com/articles/s42256-024-00832-8.pdf"
    assert chem.citations == 236 and chem.citations_as_of  # OpenAlex's count, with the day fetched
    assert chem.title == before[chem.slug].title and chem.body == before[chem.slug].body

    paperqa = papers["paperqa"]
    assert paperqa.arxiv == "2312.07559" and paperqa.authors[-1] == "Andrew Dickson White" and not paperqa.et_al
    assert papers["attention-is-all-you-need"] == before["attention-is-all-you-need"]  # no service named it confidently

    # The ORCID ids the services gave are suggestions in authors.yaml, commented out.
    authors = (lab / "content" / "authors.yaml").read_text(encoding="utf-8")
    assert authors.startswith(AUTHORS) and "# - name: Oliver Schilter\n#   orcid: 0000-0003-0310-0851" in authors

    # The replay server saw a polite client: its contact in the User-Agent, Crossref's and OpenAlex's mailto.
    assert all("mailto:lab@example.org" in r.user_agent for r in replay.log)
    assert all("mailto=lab%40example.org" in r.url for r in replay.log if r.service in ("crossref", "openalex"))
    arxiv = [r.at for r in replay.requests_to("arxiv")]
    assert len(arxiv) == 3 and all(b - a >= 2.9 for a, b in itertools.pairwise(arxiv))  # one request every 3 s

    out_dir = build(lab)
    pi = (out_dir / "authors" / "andrew-d-white" / "index.html").read_text(encoding="utf-8")
    assert "Augmenting large language models with chemistry tools" in pi and "PaperQA" in pi
    page = (out_dir / "papers" / chem.slug / "index.html").read_text(encoding="utf-8")
    assert "<dt>Cited by</dt>" in page and ">236 " in page
    assert nu_errors([out_dir / "papers" / chem.slug / "index.html", out_dir / "authors" / "andrew-d-white" / "index.html"]) == ""

    # Run again: only the lookups by the DOIs and ids enrich added are new questions (the same
    # works answer); a third run asks nothing at all, from the cache. Neither changes a file.
    files = tree_bytes(lab / "content")
    assert _enrich(lab, replay) == 0
    assert "enriched: 3 matches, 0 unsure (confirm with `enrich --accept SLUG`), 0 files changed" in capsys.readouterr().out
    asked = len(replay.log)
    assert _enrich(lab, replay) == 0
    assert "0 files changed, 0 ORCID ids suggested; 0 requests sent" in capsys.readouterr().out
    assert len(replay.log) == asked and tree_bytes(lab / "content") == files


def test_a_hand_edit_wins_and_a_reimport_keeps_what_enrich_added(lab, replay, tmp_path):
    path = lab / "content/papers/augmenting-large-language-models-with-chemistry-tools.md"
    path.write_text(path.read_text(encoding="utf-8").replace("category: CL\n", "category: CL\nvenue: Nat. Mach. Intell.\n"))
    assert _enrich(lab, replay, "--source", "crossref") == 0
    chem = _papers(lab)["augmenting-large-language-models-with-chemistry-tools"]
    assert chem.venue == "Nat. Mach. Intell." and chem.doi == "10.1038/s42256-024-00832-8" and len(chem.authors) == 6
    assert main(["--root", str(lab), "import", str(tmp_path / "listing.txt"), "--as-of", "2026-12-01"]) == 0
    assert _papers(lab)[chem.slug] == chem


def test_an_unsure_match_waits_for_a_person_and_accept_takes_it(lab, replay, capsys):
    path = lab / "content/papers/augmenting-large-language-models-with-chemistry-tools.md"
    # A person fixed the authors to a list the services disagree with at the second place.
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "authors: [Andres M. Bran, Sam Cox, Oliver Schilter]", "authors: [Andres M. Bran, Philippe Schwaller]"
        )
    )
    before = tree_bytes(lab / "content")
    assert _enrich(lab, replay, "--source", "crossref", "--only", "augmenting-large-language-models-with-chemistry-tools") == 0
    out = capsys.readouterr()
    assert "enriched: 0 matches, 1 unsure" in out.out
    assert (
        "unsure: content/papers/augmenting-large-language-models-with-chemistry-tools.md: crossref 10.1038/s42256-024-00832-8: "
        "title 1.00, authors 1/2 in order, year 2024 (`Augmenting large language models with chemistry tools`)"
    ) in out.err
    assert tree_bytes(lab / "content") == before

    assert _enrich(lab, replay, "--source", "crossref", "--accept", "augmenting-large-language-models-with-chemistry-tools") == 0
    chem = _papers(lab)["augmenting-large-language-models-with-chemistry-tools"]
    assert chem.doi == "10.1038/s42256-024-00832-8" and chem.authors == ("Andres M. Bran", "Philippe Schwaller")  # the person's list stays


def test_dry_run_prints_the_diff_and_writes_nothing(lab, replay, capsys):
    before = tree_bytes(lab / "content")
    assert _enrich(lab, replay, "--dry-run", "--source", "crossref") == 0
    out = capsys.readouterr().out
    assert "--- a/content/papers/augmenting-large-language-models-with-chemistry-tools.md" in out
    assert "+doi: 10.1038/s42256-024-00832-8" in out and "would enrich: 1 matches" in out
    assert tree_bytes(lab / "content") == before


def test_enrich_gives_a_lowercased_title_its_capitals_and_keeps_one_edited_by_hand(tmp_path, replay):
    """A title as Google Scholar exports it (`Paperqa: retrieval-augmented …`) takes the casing
    the services give; a title a person rewrote stays theirs."""
    root = tmp_path / "lab"
    create_site(root, "White Lab")
    lowered = LISTING.replace(
        "PaperQA: Retrieval-Augmented Generative Agent for Scientific Research",
        "Paperqa: retrieval-augmented generative agent for scientific research",
    ).replace("Augmenting large language models with chemistry tools", "AUGMENTING LARGE LANGUAGE MODELS WITH CHEMISTRY TOOLS")
    (tmp_path / "listing.txt").write_text(lowered, encoding="utf-8")
    assert main(["--root", str(root), "import", str(tmp_path / "listing.txt"), "--as-of", "2026-12-01"]) == 0
    chem = root / "content/papers/augmenting-large-language-models-with-chemistry-tools.md"
    chem.write_text(chem.read_text(encoding="utf-8").replace("WITH CHEMISTRY TOOLS", "WITH Chemistry TOOLS"), encoding="utf-8")
    assert _enrich(root, replay) == 0
    papers = _papers(root)
    assert papers["paperqa"].title == "PaperQA: Retrieval-Augmented Generative Agent for Scientific Research"
    assert papers["augmenting-large-language-models-with-chemistry-tools"].title == "AUGMENTING LARGE LANGUAGE MODELS WITH Chemistry TOOLS"


def test_arxiv_by_id_completes_a_paper_that_has_its_id(lab, replay):
    path = lab / "content/papers/attention-is-all-you-need.md"
    path.write_text(path.read_text(encoding="utf-8").replace("category: CL\n", "category: CL\narxiv: '1706.03762'\n"))
    assert _enrich(lab, replay, "--source", "arxiv", "--only", "attention-is-all-you-need") == 0
    paper = _papers(lab)["attention-is-all-you-need"]
    assert paper.authors[-1] == "Illia Polosukhin" and len(paper.authors) == 8 and paper.pdf == "https://arxiv.org/pdf/1706.03762"
    assert replay.requests_to("arxiv")[0].url.endswith("/api/query?id_list=1706.03762")


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (
            (RECORDINGS / "crossref/works-query-title-paperqa.json").read_bytes()[:700],
            "application/json",
            "crossref: the answer is not JSON",
        ),
        (b"<!doctype html><title>Bad Gateway</title>", "text/html", "crossref: the answer is not JSON (text/html, starts '<!doctype html>"),
        (b'{"status": "ok"}', "application/json", "crossref: the answer is JSON but not a Crossref message"),
    ],
    ids=["cut short", "an HTML page", "another JSON"],
)
def test_a_bad_body_is_one_clear_line_and_nothing_written(lab, replay, capsys, body, content_type, message):
    before = tree_bytes(lab / "content")
    replay.fail_next("crossref", 200, body, content_type)
    assert _enrich(lab, replay, "--source", "crossref") == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"crossref: error: {message}") and err[-1] == "1 error(s); nothing was written"
    assert tree_bytes(lab / "content") == before


def test_offline_is_one_line_and_nothing_written(lab, capsys):
    before = tree_bytes(lab / "content")
    assert main(["--root", str(lab), "enrich", "--source", "openalex", "--api", "openalex=http://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("openalex: error: cannot reach 127.0.0.1:9 (") and "are you offline?" in err[0]
    assert tree_bytes(lab / "content") == before


def test_client_retries_429_and_503_then_caches(replay, tmp_path):
    client = Client(contact="lab@example.org", cache_dir=tmp_path / "cache", backoff=0.05)
    replay.fail_next("dblp", 429, b"slow down", headers={"Retry-After": "0"})
    replay.fail_next("dblp", 503, b"busy")
    url = Dblp().by_title.__func__
    dblp = Dblp()
    dblp.base = replay.base("dblp")

    url = dblp.by_title(Paper("x", "Attention is all you need", ("A",), dt.date(2017, 1, 1)))
    answer = client.get("dblp", url)
    assert answer.status == 200 and [r.service for r in replay.log] == ["dblp"] * 3
    assert len(dblp.parse(answer)) == 1
    assert client.get("dblp", url).body == answer.body and len(replay.log) == 3  # from the cache
    client.refresh = True
    client.get("dblp", url)
    assert len(replay.log) == 4

    for _ in range(4):
        replay.fail_next("arxiv", 503, b"down")
    with pytest.raises(ServiceError, match=r"answered 503 4 times; try again later"):
        Client(backoff=0.01).get("arxiv", replay.base("arxiv") + "/api/query?id_list=1706.03762")


def test_client_keeps_each_services_interval(replay):
    client = Client(intervals={"arxiv": 0.4})
    started = time.monotonic()
    for _ in range(3):
        client.get("arxiv", replay.base("arxiv") + "/api/query?id_list=1706.03762")
    times = [r.at for r in replay.log]
    assert all(b - a >= 0.39 for a, b in itertools.pairwise(times)) and time.monotonic() - started >= 0.8


def test_parsers_read_the_shapes_the_services_send():
    from site_builder.scholarly.client import Answer

    many = ArXiv().parse(Answer(200, "", (RECORDINGS / "arxiv/id-1707.08567-many-authors.xml").read_bytes()))
    assert len(many) == 1 and len(many[0].authors) > 3
    holes = Dblp().parse(Answer(200, "", (RECORDINGS / "dblp/search-black-holes.reformatted-upstream.json").read_bytes()))
    assert any(f.authors == ("Irina Aref'eva", "Igor Volovich") for f in holes)  # &apos; decoded
    assert all(not f.title.endswith(".") for f in holes)
    assert any(len(f.authors) == 1 for f in holes)  # a single author is an object, not a list
    tagged = {"message-type": "work", "message": {"title": ["Regulation of <i>lacZ</i> under CO<sub>2</sub>: a &notable case"],
              "container-title": ["Science &amp; Engineering Ethics"], "DOI": "10.1000/x", "type": "journal-article"}}  # fmt: skip
    (work,) = Crossref().parse(Answer(200, "", json.dumps(tagged).encode()))
    assert (work.title, work.venue) == ("Regulation of lacZ under CO₂: a &notable case", "Science & Engineering Ethics")
    # A PDF link is kept only as a web address: a relative one would be looked for in the site.
    links = [{"URL": url, "content-type": "application/pdf"} for url in ("javascript:alert(1)", "/full.pdf", "https://x.org/a.pdf")]
    for link, pdf in zip(links, ("", "", "https://x.org/a.pdf"), strict=True):
        (work,) = Crossref().parse(
            Answer(200, "", json.dumps({"message-type": "work", "message": {**tagged["message"], "link": [link]}}).encode())
        )
        assert work.pdf == pdf
    with pytest.raises(ServiceError, match="arxiv: incorrect id format for abc"):
        ArXiv().parse(Answer(400, "", (RECORDINGS / "arxiv/id-abc-error-400.xml").read_bytes()))


def test_titles_are_compared_with_their_math_read_as_text():
    """Crossref sends a title's MathML, read as `$T_{\\mathrm{reg}}$`; a listing writes `T_reg`
    or `α`: to the match they are one title."""
    from site_builder.scholarly.match import comparable_title

    crossref = comparable_title("Screens reveal $T_{\\mathrm{reg}}$ regulators of $\\alpha$-cells")
    assert crossref == comparable_title("Screens Reveal T_reg Regulators of α-Cells") == "screens reveal t reg regulators of α cells"
