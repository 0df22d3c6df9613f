"""The speed layer: what makes a build after an edit, a preview's rebuild and a large site fast,
beside the reference pipeline (`site_builder.pipeline`) and proven to write the same bytes.

- `incremental.Builder`: the one interface. It keeps what the last build knew (parsed papers,
  the plan, the manifest of the output) and renders only the pages whose digest changed.
- `cache`: parsed papers and rendered abstracts kept between processes.
- `stamp`: a command-line build whose inputs did not change stops before reading them.
- `planner`: plans again only the pages that show a changed paper (the dependency map).
- `fragments`: per-paper fragments made once per build, spilled to a file past a few MB.
- `parallel`: render workers (forked processes) for builds of more than a hundred pages.
"""
