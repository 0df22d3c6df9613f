"""Reading YAML: the direct construction of plain documents gives what PyYAML's own gives."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.errors import Problems
from site_builder.source.yamlfile import is_missing, parse_yaml


class PyYamlOwn(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader and its general construction, dates left as text as ours leaves them."""


PyYamlOwn.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

FAILED = "failed"


def both(text: str):
    """(ours, PyYAML's): each the value, or FAILED where PyYAML raises (ours then reports a
    problem instead)."""
    problems = Problems()
    ours = parse_yaml(text, problems, "x.yaml")
    if is_missing(ours):
        assert problems.errors
        ours = FAILED
    try:
        theirs = yaml.load(text, Loader=PyYamlOwn)
    except Exception:  # PyYAML raises ValueError and KeyError too (`!!int abc`, `!!bool maybe`)
        theirs = FAILED
    return ours, theirs


scalars = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.sampled_from(["yes", "No", "~", "0x1F", "0o17", "1_000", "1:30", ".inf", "2024-13-45", "=", "<<", "- a", "a: b", "#"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=8), scalars), inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(documents, st.sampled_from([None, True, False]))
def test_any_dumped_document_reads_as_pyyaml_reads_it(value, flow):
    # Dumped, the values become every kind of node: quoted and plain text that looks like a
    # number, a date or a boolean, keys that are numbers, nested flow and block collections.
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    ours, theirs = both(text)
    assert ours == theirs
    assert type(ours) is type(theirs)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",  # an alias: one list twice
        "base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n",  # a merge key
        "a: &r [*r]\n",  # a recursive list
        "? [1, 2]\n: unhashable key\n",
        "1: one\n2.5: two\nnull: three\ntrue: four\n",  # keys that are not text
        "s: !!set {a, b}\no: !!omap [{a: 1}, {b: 2}]\np: !!pairs [{a: 1}]\n",
        "b: !!binary aGVsbG8=\n",
        "= : value key\n",
        "n: !!int abc\n",  # PyYAML's error, not ours
        "x: !!python/object:os.system ls\n",
        "t: !custom 3\n",
        "a: 1\na: 2\n",  # the last value of a repeated key
        "date: 2024-02-30\nwhen: 2001-12-14t21:59:43.10-05:00\n",
        "text: !!str 12\nnumber: !!float 3\nseq: !!seq [1]\nmap: !!map {a: 1}\n",
        "bad: !!seq scalar\n",
        "",
        "just text\n",
        "- [a, b]\n- {c: d}\n",
    ],
)
def test_documents_left_to_pyyaml_read_as_pyyaml_reads_them(text):
    ours, theirs = both(text)
    assert repr(ours) == repr(theirs)  # repr: a recursive list cannot be compared with ==


def test_an_alias_is_the_same_object_as_pyyaml_makes_it():
    value = parse_yaml("a: &x [1]\nb: *x\n", Problems(), "x.yaml")
    assert value["a"] is value["b"]


@pytest.mark.parametrize("text", ["n: !!int abc\n", "f: !!float x\n", "b: !!bool maybe\n", "r: &r [*r]\nk: {*r : 1}\n"])
def test_a_value_pyyaml_cannot_make_is_a_problem_not_a_crash(text):
    problems = Problems()
    assert is_missing(parse_yaml(text, problems, "site.yaml"))
    assert problems.items[0].message.startswith("YAML")


def test_a_syntax_error_is_a_problem_with_its_line():
    problems = Problems()
    assert is_missing(parse_yaml("title: x\nauthors: [a, b\n", problems, "content/papers/x.md", first_line=2))
    assert problems.items[0].location.line == 3


def test_a_key_written_twice_is_said_at_its_second_line_in_any_mapping():
    """YAML keeps the last of two `title:` lines without a word: the first is not used."""
    problems = Problems()
    text = "title: A\nauthors: [B]\nlinks:\n  code: https://x.org/a\n  code: https://x.org/b\ntitle: C\n"
    assert parse_yaml(text, problems, "content/papers/x.md", first_line=2)["title"] == "C"
    assert [(p.location.line, p.message.split(":")[0]) for p in problems.items] == [
        (6, "`code` is written twice (line 5 and here)"),
        (7, "`title` is written twice (line 2 and here)"),
    ]
    assert all(p.severity == "warning" for p in problems.items)


def _fixed_line(fix: str) -> str:
    return fix.split("write `", 1)[1].rsplit("`", 1)[0]


def test_latex_that_double_quotes_read_as_escapes_is_an_error_with_the_line_to_write():
    text = 'title: "\\textbf{Fast} $\\alpha$-Nets for Schr\\"odinger\'s Cat"\nauthors: ["Hans M\\"uller", "Ann \\"Annie\\" Lee", J. Doe]\n'
    problems = Problems()
    parse_yaml(text, problems, "p.md", first_line=2)
    assert [(p.location.line, p.message) for p in problems.errors] == [
        (2, "`\\textbf` in double quotes: YAML reads `\\t` as a tab"),
        (3, '`\\"u` in double quotes: YAML reads `\\"` as a quote mark'),
    ]
    title_fix, authors_fix = (_fixed_line(p.hint) for p in problems.errors)
    assert parse_yaml(title_fix, Problems(), "p.md") == {"title": "\\textbf{Fast} $\\alpha$-Nets for Schrödinger's Cat"}
    assert parse_yaml(authors_fix, Problems(), "p.md") == {"authors": ["Hans Müller", 'Ann "Annie" Lee', "J. Doe"]}


@pytest.mark.parametrize(
    "value",
    [
        '"He said \\"hello\\" to the\\tworld, caf\\u00e9"',  # YAML's escapes, meant as such
        '"a literal \\\\textbf and \\\\alpha"',  # escaped backslashes: the LaTeX is kept
        '"Line one\\nLine two"',
        "'Schr\\\"odinger and \\textbf{x}'",  # single quotes: a backslash is itself
        'Schr\\"odinger \\textbf{x}',  # plain: the same
    ],
)
def test_double_quoted_values_that_mean_their_escapes_are_not_questioned(value):
    problems = Problems()
    parse_yaml(f"note: {value}\n", problems, "p.md")
    assert not problems.items


def test_escaped_latex_over_several_lines_is_said_without_a_line_to_copy():
    problems = Problems()
    parse_yaml('venue: "Proc. of the\n  \\v{C}SSR Academy"\n', problems, "site.yaml")
    (error,) = problems.errors
    assert (error.location.line, error.message) == (1, "`\\v{` in double quotes: YAML reads `\\v` as a vertical tab")
    assert "`'` is written twice" in error.hint
