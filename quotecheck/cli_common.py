"""What the `quotecheck` commands share: exit codes, the error console, options, reading inputs,
opening the corpus, writing reports (cli.py and cli_corpus.py hold the commands)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import click

from . import compiled
from .model import Document, InputError, QuotecheckError

EXIT_OK, EXIT_MISQUOTE, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130     # 128 + SIGINT, as shells report it: never mistaken for "misquote found"
FORMATS = ["rich", "jsonl", "json", "markdown", "html"]
CORPUS_ENV = "QUOTECHECK_CORPUS"


@dataclass
class Inputs:
    """Documents read from the user's paths, and one error line per path that failed."""
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Context:
    def __init__(self, verbose: bool):
        self.verbose = verbose
        self.stderr = console(stderr=True)

    def error(self, message: str) -> None:
        self.stderr.print(f"[bold red]error:[/] {message}", highlight=False, markup=True,
                          soft_wrap=True)

    def warn(self, message: str) -> None:
        self.stderr.print(f"[yellow]warning:[/] {message}", highlight=False, soft_wrap=True)

    def info(self, message: str) -> None:
        if self.verbose:
            self.stderr.print(message, highlight=False, soft_wrap=True, style="dim")


def console(stderr: bool = False, file=None):
    from rich.console import Console

    # rich itself honours NO_COLOR and turns colour off when the stream is not a terminal
    return Console(stderr=stderr, file=file, highlight=False)


# --- shared options -----------------------------------------------------------------------

def corpus_option(f):
    f = click.option("--index", "index_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="Where the corpus index lives (default: beside the corpus, or the user cache "
                          "when the corpus folder is read-only).")(f)
    return click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), default=None,
                        help=f"The reference corpus folder (default: ${CORPUS_ENV} or ./corpus).")(f)


def output_options(f):
    f = click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path),
                     help="Write the report to FILE (atomically) instead of the terminal.")(f)
    return click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="rich",
                        show_default=True, help="Report format.")(f)


def aliases_option(f):
    return click.option("--aliases", "aliases_path", type=click.Path(dir_okay=False, path_type=Path),
                        help="Alias file: lines like `Sam Altman = Altman, OpenAI's chief`.")(f)


def reading_option(f):
    return click.option("--fast/--full", "fast", default=None,
                        help="Attribute quotations by word patterns alone (--fast: no language model, "
                             "tens of times faster, less accurate) or always with the parser (--full). "
                             "Default: the parser, and word patterns for a text over 500 KB.")(f)


def jobs_option(f):
    return click.option("--jobs", "-j", "jobs", type=click.IntRange(min=1), default=None,
                        help="Processes to share a long text's reading, or a long draft's checking, among "
                             "(default: one per core; 1: none). Short texts are read in one process.")(f)


def note_fast_reading(ctx: Context, documents, fast: bool | None) -> None:
    """One line for each long document read fast without being asked to: its accuracy differs;
    and, once, when the finder is not compiled: pip hides the build's word on why not."""
    from .find import FAST_ABOVE_CHARS, reads_fast

    if fast is None:
        long_ones = [doc for doc in documents if reads_fast(doc.text)]
        for doc in long_ones:
            why = ("over 500 KB" if len(doc.text) > FAST_ABOVE_CHARS
                   else "denser in words or quotation marks than the parse reads in a few seconds")
            ctx.warn(f"{doc.path}: {why}, quotations attributed by word patterns "
                     f"(fast, less accurate); --full parses it")
        if long_ones and not compiled():
            ctx.warn("the finder runs as plain Python (an editable install, QUOTECHECK_PURE, or no C "
                     "compiler when installed): compiled by `pip install .`, it reads long texts about "
                     "twice as fast")


def resolve_corpus_dir(corpus_dir: Path | None) -> Path:
    if corpus_dir is not None:
        return corpus_dir
    return Path(os.environ.get(CORPUS_ENV) or "corpus")


def open_corpus(ctx: Context, corpus_dir: Path | None, index_path: Path | None, sync: bool = True,
                jobs: int | None = None):
    """Open (and bring up to date) the corpus; QuotecheckError when it cannot be used. Its
    sources are read with `jobs` processes (default: one per core)."""
    from . import store

    root = resolve_corpus_dir(corpus_dir)
    if not root.is_dir():
        raise QuotecheckError(f"{root}: corpus folder not found (use --corpus DIR or set ${CORPUS_ENV})")
    corpus = store.Corpus.open(root, index=index_path, workers=workers_from(jobs))
    if sync:
        try:
            report = corpus.sync(progress=progress_callback(ctx))
        except store.CorpusBusyError as exc:
            # another process is indexing: what is indexed already is consistent, so use it
            ctx.warn(f"{exc}; using the index as it is")
        else:
            report_sync(ctx, report)
    return corpus


def workers_from(jobs: int | None) -> int:
    """--jobs, or one process per core the system gives this one."""
    from .parallel import usable_cores
    return jobs if jobs is not None else usable_cores()


def progress_callback(ctx: Context):
    from .report.terminal import ProgressBar

    return ProgressBar(ctx.stderr)


def report_sync(ctx: Context, report) -> None:
    for line in report.warnings:
        ctx.warn(line)
    for line in report.errors:
        ctx.error(line)


def read_inputs(ctx: Context, paths) -> Inputs:
    """Read every file under `paths`; a bad file becomes one error line, the rest go on."""
    from . import readers

    inputs = Inputs()
    for path, problem in readers.iter_files(paths):
        if problem is not None:
            inputs.errors.append(str(problem))
            continue
        try:
            doc = readers.read(path)
        except InputError as exc:
            inputs.errors.append(str(exc))
            continue
        ctx.info(f"{path}: read as {doc.reader}")
        inputs.documents.append(doc)
    for line in inputs.errors:
        ctx.error(line)
    return inputs


def load_aliases(path: Path | None):
    if path is None:
        return None
    from .find.speakers import Aliases

    return Aliases.load(path)


def emit(text: str, output: Path | None) -> None:
    """Print a finished report, or write it atomically to `output`."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from .fsutil import write_atomic

    write_atomic(output, text)


def run_guarded(ctx: Context, action) -> int:
    """Run `action()`, turning our own errors into one line and exit status 2, and Ctrl-C into
    one line and status 130."""
    try:
        return action()
    except QuotecheckError as exc:
        ctx.error(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        ctx.error("interrupted")
        return EXIT_INTERRUPTED
