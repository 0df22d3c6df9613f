"""Pages into text: the theme, the one Jinja2 environment, abstracts as HTML with MathML, resized pictures."""
