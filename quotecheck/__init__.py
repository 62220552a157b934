"""quotecheck: find who said what in a text and check it against the record."""
__version__ = "0.1.0"


def compiled() -> bool:
    """Do the finder and the matcher run compiled to C (setup.py, mypyc) rather than as plain
    Python? They are built together, all or none, so one compiled module says it: Python imports
    it before a source file of the same name (asked of the file system: importing the finder
    for `--version` would take 50 ms)."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from pathlib import Path

    find = Path(__file__).with_name("find")
    return any((find / f"marks{suffix}").exists() for suffix in EXTENSION_SUFFIXES)


def which_build() -> str:
    """Which build runs, in words (`--version`, the benches)."""
    return "compiled" if compiled() else "plain Python"
