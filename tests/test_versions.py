"""A preprint and its published version under another title are one paper; a conference paper
and its journal extension, or another author's paper, are not."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from conftest import SEED_BIB, SEED_LISTING, copy_site

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.importing.merge import one_per_work
from site_builder.importing.versions import pair_versions, versions_of_one_work
from site_builder.site.model import Paper
from site_builder.source.content import load_papers

AS_OF = ["--as-of", "2026-11-27"]
PREPRINT_AUTHORS = ("Han Cai", "Junyan Li", "Muyan Hu")
PUBLISHED_AUTHORS = ("Han Cai", "Junyan Li", "Muyan Hu", "Chuang Gan", "Song Han")
ARXIV_TITLE = "EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction"
ICCV_TITLE = "EfficientViT: Lightweight Multi-Scale Attention for High-Resolution Dense Prediction"
ABSTRACT = (
    "High-resolution dense prediction enables many appealing real-world applications, such as computational photography, "
    "autonomous driving, etc. However, the vast computational cost makes deploying state-of-the-art high-resolution dense "
    "prediction models on hardware devices difficult. This work presents EfficientViT, a new family of high-resolution vision "
    "models with novel multi-scale linear attention. Unlike prior high-resolution dense prediction models that rely on heavy "
    "softmax attention, hardware-inefficient large-kernel convolution, or complicated topology structure to obtain good "
    "performances, our multi-scale linear attention achieves the global receptive field and multi-scale learning with only "
    "lightweight and hardware-efficient operations."
)
OTHER_ABSTRACT = (
    "Speech recognition on microcontrollers requires keyword spotting networks whose memory footprint fits within kilobytes. "
    "We describe a streaming recurrent architecture, trained with knowledge distillation from a transformer teacher, together "
    "with a scheduler that overlaps flash reads and arithmetic. Evaluations across twelve languages show accuracy comparable "
    "with server models while consuming milliwatts, and a field study with volunteers confirms robustness under background "
    "noise, reverberation and accented pronunciation."
)


def preprint(title: str = ARXIV_TITLE, authors: tuple[str, ...] = PREPRINT_AUTHORS, year: int = 2022, **fields) -> Paper:
    fields.setdefault("et_al", True)
    return Paper(slug="p", title=title, authors=authors, date=dt.date(year, 5, 29), category="CV", **fields)


def published(title: str = ICCV_TITLE, authors: tuple[str, ...] = PUBLISHED_AUTHORS, year: int = 2023, **fields) -> Paper:
    fields.setdefault("type", "conference")
    fields.setdefault("venue", "International Conference on Computer Vision (ICCV)")
    return Paper(slug="q", title=title, authors=authors, date=dt.date(year, 1, 1), category="", **fields)


def test_a_preprint_and_its_published_version_under_another_title_are_one_work_by_a_guess():
    found = versions_of_one_work(preprint(), published())
    assert found is not None and not found.sure and found.likeness == pytest.approx(9 / 11)
    assert versions_of_one_work(published(), preprint()) == found


def test_the_same_abstract_makes_it_sure_whatever_the_titles():
    renamed = preprint(title="Enhanced Linear Attention for Low-Computation Visual Recognition", body=ABSTRACT)
    found = versions_of_one_work(renamed, published(body=ABSTRACT.replace("etc.", "and more.")))
    assert found is not None and found.sure
    assert versions_of_one_work(renamed, published()) is None  # without the abstract the titles are too unlike


@pytest.mark.parametrize(
    ("first", "second", "why"),
    [
        (published(), published(type="journal", venue="TPAMI", year=2024), "a conference paper and its journal extension"),
        (preprint(), published(authors=("Xinyu Liu", "Houwen Peng", "Han Cai")), "another first author"),
        (preprint(), published(authors=("Han Cai", "Ann Lee", "Bo Chen", "Cy Wu", "Song Han")), "most other names differ"),
        (preprint(), published(year=2026), "years too far apart"),
        (preprint(arxiv="2205.14756"), published(arxiv="2205.14757"), "another arXiv id"),
        (preprint(body=ABSTRACT), published(body=OTHER_ABSTRACT), "abstracts that share almost nothing"),
        (preprint(), published(title="EfficientViT-SAM: Accelerated Segment Anything Model"), "too few title words alike"),
        (preprint(), published(title="Efficient Video Prediction for Dense Attention"), "a third of the words, no shared name"),
        (
            preprint(title="Efficient Image Generation with Transformers"),
            published(title="Efficient Video Generation with Transformers"),
            "one word of a short title",
        ),
    ],
)
def test_two_works_stay_two(first, second, why):
    assert versions_of_one_work(first, second) is None, why
    assert versions_of_one_work(second, first) is None, why


def test_a_shared_name_before_the_colon_makes_a_guess_of_fewer_words_alike():
    long_tail = "Taming the Long Tail: Efficient Reinforcement Learning for Language Models via Adaptive Speculative Decoding"
    found = versions_of_one_work(preprint(title=long_tail), published(title="Taming the Long-Tail: Efficient Reasoning RL Training"))
    assert found is not None and not found.sure
    unnamed = "Taming the Long Tail of Efficient Reinforcement Learning for Language Models via Adaptive Speculative Decoding"
    assert versions_of_one_work(preprint(title=unnamed), published(title="Efficient Reasoning RL Training for the Long-Tail")) is None


def test_pairs_are_made_likest_first_each_record_and_paper_once():
    near = preprint()
    far = preprint(title="EfficientViT: Linear Attention for Dense Prediction")
    papers = [published(title="EfficientViT: Dense Prediction with Linear Attention"), published()]
    assert [(n, m) for n, m, _ in pair_versions([far, near], papers)] == [(0, 0), (1, 1)]
    assert [(n, m) for n, m, _ in pair_versions([near, near], papers[1:])] == [(0, 0)]


def test_a_bib_with_a_preprint_and_its_published_version_under_two_titles_makes_one_paper():
    problems = Problems()
    kept = one_per_work([preprint(arxiv="2205.14756", bibtex_key="corr"), published(doi="10.1109/ICCV.2023.01587")], problems, "lab.bib")
    assert len(kept) == 1
    assert (kept[0].title, kept[0].arxiv, kept[0].doi) == (ICCV_TITLE, "2205.14756", "10.1109/ICCV.2023.01587")
    assert kept[0].links["preprint"] == "https://arxiv.org/abs/2205.14756"
    assert kept[0].review.startswith(f"taken for one work with the preprint '{ARXIV_TITLE}'")
    assert any("'corr' is" in str(warning) for warning in problems.warnings)


def _published_titles(text: str) -> str:
    """The lab's .bib as its venues title four papers, where the listing has their arXiv titles."""
    for arxiv, venue in (
        ("Multi-Scale Linear Attention for High-Resolution", "Lightweight Multi-Scale Attention for High-Resolution"),
        ("Segment Anything Model Without Accuracy Loss", "Segment Anything Model Without Performance Loss"),
        ("Reduce Activations, Not Trainable Parameters", "Reduce Memory, Not Parameters"),
        (
            "Taming the Long-Tail: Efficient Reasoning {RL} Training with Adaptive Drafter",
            "Taming the Long Tail: Efficient Reinforcement Learning for Language Models via Adaptive Speculative Decoding",
        ),
    ):
        assert arxiv in text
        text = text.replace(arxiv, venue)
    return text


def _import(root: Path, source: Path, capsys) -> tuple[str, str]:
    capsys.readouterr()
    assert main(["--root", str(root), "import", str(source), *AS_OF]) == 0
    return capsys.readouterr()


@pytest.mark.parametrize("bib_first", [False, True])
def test_a_listing_and_a_bib_that_title_four_papers_otherwise_make_one_paper_each(tmp_path, capsys, bib_first):
    root = copy_site(tmp_path / "site", with_papers=False)
    bib = tmp_path / "lab.bib"
    bib.write_text(_published_titles(SEED_BIB.read_text(encoding="utf-8")), encoding="utf-8")
    sources = [bib, SEED_LISTING] if bib_first else [SEED_LISTING, bib]
    _import(root, sources[0], capsys)
    out, err = _import(root, sources[1], capsys)
    papers = {p.slug: p for p in load_papers(root, Problems())}
    assert len(papers) == 47 and "46 merged" in out
    assert err.count("another version: ") == 4 and "4 need a look" in out
    vit = papers["efficientvit"]
    assert vit.venue == "Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV)"
    assert (vit.venue_year or vit.date.year, vit.arxiv) == (2023, "2205.14756")
    assert vit.review.startswith("taken for one work with the entry titled 'EfficientViT: ")
    assert vit.title == (ICCV_TITLE if bib_first else ARXIV_TITLE)  # the paper keeps the title it had
    assert vit.bibtex_title in ("", "{EfficientViT}: " + vit.title.removeprefix("EfficientViT: "))  # never the other title's
    for source in sources * 2:  # and later imports of either find the same papers at once
        out, err = _import(root, source, capsys)
        assert "0 added" in out and "another version" not in err
    assert len(list((root / "content/papers").glob("*.md"))) == 47


def test_a_published_paper_of_the_site_is_no_version_of_a_new_one_by_another_first_author(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    _import(root, SEED_LISTING, capsys)
    bib = tmp_path / "other.bib"
    bib.write_text(
        "@inproceedings{liu2023efficientvit,\n  title = {EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Recognition},\n"
        "  author = {Liu, Xinyu and Peng, Houwen and Cai, Han},\n  booktitle = {CVPR},\n  year = {2023}\n}\n",
        encoding="utf-8",
    )
    out, err = _import(root, bib, capsys)
    assert "1 added" in out and "another version" not in err


def test_a_wrong_guess_is_undone_by_setting_the_paper_apart(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    bib = tmp_path / "lab.bib"
    bib.write_text(_published_titles(SEED_BIB.read_text(encoding="utf-8")), encoding="utf-8")
    _import(root, SEED_LISTING, capsys)
    as_listed = (root / "content/papers/tinytl.md").read_bytes()
    _import(root, bib, capsys)
    assert (root / "content/papers/tinytl.md").read_bytes() != as_listed
    capsys.readouterr()
    assert main(["--root", str(root), "import", str(bib), "--apart", "content/papers/tinytl.md"]) == 0
    out, err = capsys.readouterr()
    assert "1 added, 1 updated" in out and "another version" not in err
    assert (root / "content/papers/tinytl.md").read_bytes() == as_listed  # what the entry gave it, taken out
    papers = {p.slug: p for p in load_papers(root, Problems())}
    assert len(papers) == 48
    assert papers["tinytl-2020"].title == "TinyTL: Reduce Memory, Not Parameters for Efficient On-Device Learning"
    assert papers["tinytl"].title == "TinyTL: Reduce Activations, Not Trainable Parameters for Efficient On-Device Learning"
    for source in (bib, SEED_LISTING):  # later imports keep the two apart
        out, err = _import(root, source, capsys)
        assert "0 added" in out and "0 merged" in out and "another version" not in err
    assert len(list((root / "content/papers").glob("*.md"))) == 48


def test_setting_apart_a_paper_the_site_lacks_is_an_error_and_writes_nothing(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    _import(root, SEED_LISTING, capsys)
    before = sorted((root / "content").rglob("*"))
    assert main(["--root", str(root), "import", str(SEED_BIB), "--apart", "content/papers/no-such-paper.md"]) != 0
    assert "content/papers/no-such-paper.md: error: no such paper to set apart" in capsys.readouterr().err
    assert sorted((root / "content").rglob("*")) == before


def test_the_index_finds_every_pair_that_comparing_all_would():
    """`pair_versions` compares only records of one first author within the years apart; no pair
    that the rules accept is left with both its record and its paper unpaired."""
    rng = random.Random(7)
    words = ("sparse", "attention", "efficient", "video", "diffusion", "models", "for", "fast", "training")

    def record(kind: str) -> Paper:
        title = ("Jet: " if rng.random() < 0.3 else "") + " ".join(rng.sample(words, 5))
        authors = (rng.choice(("Ann Lee", "Bo Chen", "Cy Wu")), *rng.sample(("Di Xu", "Ed Ko", "Flo Ma", "Gus Li"), 2))
        maker = preprint if kind == "preprint" else published
        return maker(title=title, authors=authors, year=rng.randint(2015, 2024), et_al=False)

    records = [record(rng.choice(("preprint", "published"))) for _ in range(60)]
    papers = [record(rng.choice(("preprint", "published"))) for _ in range(60)]
    pairs = pair_versions(records, papers)
    assert pairs and all(versions_of_one_work(records[n], papers[m]) == why for n, m, why in pairs)
    paired_records, paired_papers = {n for n, _, _ in pairs}, {m for _, m, _ in pairs}
    for n, first in enumerate(records):
        for m, second in enumerate(papers):
            if n not in paired_records and m not in paired_papers:
                assert versions_of_one_work(first, second) is None


def test_check_points_at_a_preprint_and_its_published_version_kept_as_two_files(tmp_path, capsys):
    """A site imported before this rule, or written by hand, may hold both: `check` says so."""
    root = copy_site(tmp_path / "site")
    text = (root / "content/papers/efficientvit.md").read_text(encoding="utf-8")
    venue = "venue: Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV)\nvenue_year: 2023\n"
    preprint = text.replace(venue, "").replace("type: conference\n", "")
    published = (
        text.replace(ARXIV_TITLE, ICCV_TITLE)
        .replace("source_id: ", "source_id: hand-")
        .replace("arxiv: '2205.14756'\n", "")
        .replace("bibtex_key: cai2022efficientvit\n", "")
    )
    assert preprint != text and ICCV_TITLE in published and "arxiv: " not in published
    (root / "content/papers/efficientvit.md").write_text(preprint, encoding="utf-8")
    (root / "content/papers/efficientvit-iccv.md").write_text(published, encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 0
    said = capsys.readouterr().err
    assert (
        "content/papers/efficientvit.md: warning: perhaps the same work as content/papers/efficientvit-iccv.md under another "
        "title, a preprint and its published version (the same abstract)"
    ) in said
    assert said.count("perhaps the same work") == 1  # the shipped site's other 46 papers are 46 works
    assert "if they are two works, write `distinct_from: [efficientvit-iccv]` in this file" in said


def test_two_works_check_took_for_one_are_set_apart_by_distinct_from(tmp_path, capsys):
    """A person who knows better says so once, in either file; `check` then says nothing of the
    pair, a re-import keeps the line, and a name that is no paper's is said."""
    root = copy_site(tmp_path / "site")
    papers = root / "content/papers"
    text = (papers / "efficientvit.md").read_text(encoding="utf-8")
    venue = "venue: Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV)\nvenue_year: 2023\n"
    (papers / "efficientvit.md").write_text(text.replace(venue, "").replace("type: conference\n", ""), encoding="utf-8")
    published = text.replace(ARXIV_TITLE, ICCV_TITLE).replace("source_id: ", "source_id: hand-").replace("arxiv: '2205.14756'\n", "")
    (papers / "efficientvit-iccv.md").write_text(published.replace("bibtex_key: cai2022efficientvit\n", ""), encoding="utf-8")
    hat = (papers / "hat.md").read_text(encoding="utf-8")
    (papers / "hat-copy.md").write_text(
        hat.replace("source_id: ", "source_id: copy-").replace("bibtex_key: wang2020hat\n", ""), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 0
    said = capsys.readouterr().err
    assert (said.count("perhaps the same work"), said.count("probably the same paper")) == (1, 1)
    for name, other in (("efficientvit.md", "[efficientvit-iccv, no-such-paper]"), ("hat-copy.md", "content/papers/hat.md")):
        marked = (papers / name).read_text(encoding="utf-8").replace("topics: ", f"distinct_from: {other}\ntopics: ")
        (papers / name).write_text(marked, encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0
    said = capsys.readouterr().err
    assert (said.count("perhaps the same work"), said.count("probably the same paper")) == (0, 0)
    assert (
        "content/papers/efficientvit.md: warning: `distinct_from` names 'no-such-paper', which is no paper "
        "(no content/papers/no-such-paper.md) (write the other paper's file name without `.md`)"
    ) in said
    assert main(["--root", str(root), "import", str(SEED_LISTING), "--as-of", "2026-11-27"]) == 0
    assert "distinct_from: content/papers/hat.md" in (papers / "hat-copy.md").read_text(encoding="utf-8")
    assert "distinct_from: [efficientvit-iccv, no-such-paper]" in (papers / "efficientvit.md").read_text(encoding="utf-8")
