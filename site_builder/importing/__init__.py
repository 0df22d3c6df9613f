"""Turning a raw listing or a `.bib` file into paper files, merged with what people edited."""
