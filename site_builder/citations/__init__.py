"""Citation records of papers: BibTeX keys and entries, RIS, CSL-JSON and Google Scholar's tags."""
