"""quotecheck: find who said what in a text and check it against the record."""
__version__ = "0.1.0"
