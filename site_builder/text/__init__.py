"""What the words of a paper mean: dates at their precision, LaTeX, URLs, person names, DOIs and arXiv ids."""
