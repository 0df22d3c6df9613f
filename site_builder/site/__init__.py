"""The site model: papers, authors and topics, the catalog that indexes them, the URL scheme and the plan of every page."""
