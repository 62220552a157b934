"""quotecheck: find who said what in a text and check it against the record."""
__version__ = "0.1.0"


def compiled() -> bool:
    """Does the finder run compiled to C (setup.py, mypyc) rather than as plain Python? Python
    imports a compiled module before a source file of the same name, so its presence says it
    (asked of the file system: importing the finder for `--version` would take 50 ms)."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from pathlib import Path

    find = Path(__file__).with_name("find")
    return any((find / f"marks{suffix}").exists() for suffix in EXTENSION_SUFFIXES)


def finder_build() -> str:
    """Which finder runs, in words (`--version`, the benches)."""
    return "compiled" if compiled() else "plain Python"
