"""Writing the site: the staging folder and the swap, files written whole, the search index, checking a built site."""
