"""Open scholarly services (arXiv, Crossref, OpenAlex, DBLP): finding a site's papers in them and
completing the papers' files with what they say (`site-builder enrich`). Builds never come here."""
