"""Saved articles in other formats: Markdown, EPUB and an Atom feed, one module each."""
