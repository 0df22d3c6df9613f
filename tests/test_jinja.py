"""The theme's Jinja environment calls and escapes what templates write as stock Jinja does."""

from __future__ import annotations

import jinja2
import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from site_builder.errors import Problems
from site_builder.pipeline import load_site, with_pictures
from site_builder.render.fragments import Fragments
from site_builder.render.jinja import make_environment, plain_markup


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> jinja2.Environment:
    problems = Problems()
    site = with_pictures(REPO, load_site(REPO, problems), tmp_path_factory.mktemp("pictures"), problems)
    assert site is not None, problems.items
    return make_environment(site.root, site.urls, site.catalog, plain_markup, Fragments())


class Greeter:
    """A callable object that asks for the context on its `__call__`."""

    @jinja2.pass_context
    def __call__(self, context, name):
        return f"{context['greeting']}, {name}"


class Counter:
    """A callable object that does not."""

    def __call__(self, n):
        return n + 1


def stopped():
    raise StopIteration


CALLS = {
    "with_context": jinja2.pass_context(lambda context, key: f"{key}={context[key]}"),
    "with_environment": jinja2.pass_environment(lambda environment, x: f"{type(environment).__name__ != ''}:{x}"),
    "with_eval_context": jinja2.pass_eval_context(lambda eval_context, x: f"{eval_context.autoescape}:{x}"),
    "greet": Greeter(),
    "count": Counter(),
    "plain": lambda *args, **kwargs: f"{args}{sorted(kwargs.items())}",
    "method": {"a": "b"}.get,
    "stopped": stopped,
    "greeting": "Hello",
}
TEMPLATE = """{% macro shout(text, n=1) %}{{ text|upper }}{{ '!' * n }}{{ caller() if caller is defined }}{% endmacro -%}
{{ with_context('greeting') }} {{ with_environment(1) }} {{ with_eval_context(2) }} {{ greet('you') }} {{ count(3) }}
{% for x in [1, 2] %}{% set inner = x * 10 %}{{ with_context('inner') }} {{ plain(x, inner, k=loop.index) }} {% endfor %}
{% block body %}{% set shown = 'in a block' %}{{ with_context('shown') }} {{ method('a') }} {{ method('z', 'none') }}{% endblock %}
{{ shout('hi', n=2) }} {% call shout('yo') %}<b>{% endcall %} {{ stopped() is undefined }} {{ range(3)|list }}"""


def test_template_calls_behave_as_stock_jinja(env):
    settings = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
    stock = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, **settings)
    ours = env.from_string(TEMPLATE, globals=CALLS).render()
    assert ours == stock.from_string(TEMPLATE, globals=CALLS).render()
    assert "greeting=Hello" in ours and "Hello, you" in ours and "inner=20" in ours and "shown=in a block" in ours
    assert "True:2" in ours and "HI!!" in ours and "YO!<b>" in ours and "True" in ours


class Safe:
    """An object that writes its own HTML, as Markup does."""

    def __init__(self, html):
        self.html = html

    def __html__(self):
        return self.html


ESCAPING = """{% macro wrap(v) %}<i>{{ v }}{{ caller() if caller is defined }}</i>{% endmacro -%}
{% set block %}[{{ value }}]{% endset -%}
{{ value }} {{ value|e }} {{ value|e|e }} {{ wrap(value) }} {{ wrap(wrap(value)) }} {{ block }} {{ block ~ value }}
{{ value ~ '&' }} {{ [value, value]|join(' & ') }} {{ value|string }} {{ value|safe }}
{% call wrap(value) %}&{{ value }}{% endcall %}{% filter upper %}{{ value }}{% endfilter %} {{ self.named() }}
{% block named %}<{{ value }}>{% endblock %}"""


@given(
    st.one_of(
        st.text(),
        st.text().map(Markup),
        st.text().map(Safe),
        st.integers(),
        st.none(),
        st.lists(st.text(max_size=3), max_size=2),
    )
)
@settings(max_examples=200, deadline=None)
def test_output_is_escaped_as_stock_jinja_escapes_it(env, value):
    settings_ = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
    stock = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, **settings_)
    ours = env.from_string(ESCAPING).render(value=value)
    assert ours == stock.from_string(ESCAPING).render(value=value)
