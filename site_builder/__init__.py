"""site_builder: a static site generator for research groups' publication websites."""

__version__ = "0.1.0"
