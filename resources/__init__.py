"""Bundled resources (lessons, data sets, schema, fonts, translations, icons)."""
