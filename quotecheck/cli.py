"""The `quotecheck` command line: parse options, call the library, choose a renderer.

Exit status (like linters): 0 all quotes supported, 1 a misquote was found (check), 2 bad usage or
an input that could not be read (the good inputs are still processed and reported).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from .model import Document, InputError, QuotecheckError

EXIT_OK, EXIT_MISQUOTE, EXIT_BAD_INPUT = 0, 1, 2
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
        self.stderr = _console(stderr=True)

    def error(self, message: str) -> None:
        self.stderr.print(f"[bold red]error:[/] {message}", highlight=False, markup=True,
                          soft_wrap=True)

    def warn(self, message: str) -> None:
        self.stderr.print(f"[yellow]warning:[/] {message}", highlight=False, soft_wrap=True)

    def info(self, message: str) -> None:
        if self.verbose:
            self.stderr.print(message, highlight=False, soft_wrap=True, style="dim")


def _console(stderr: bool = False, file=None):
    from rich.console import Console

    # rich itself honours NO_COLOR and turns colour off when the stream is not a terminal
    return Console(stderr=stderr, file=file, highlight=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quotecheck")
@click.option("-v", "--verbose", is_flag=True, help="Say which reader read each file and what was searched.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Find who said what in a text, and check quotes against a corpus of sources.

    \b
    quotecheck check DRAFT          verdict for every quote in DRAFT
    quotecheck quotes [FILES]       every quote with its speaker (no files: the corpus)
    quotecheck review DRAFT         walk the findings and fix the draft
    quotecheck corpus stats         what the reference corpus holds
    """
    ctx.obj = Context(verbose)


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


def note_fast_reading(ctx: Context, documents, fast: bool | None) -> None:
    """One line for each long document read fast without being asked to: its accuracy differs."""
    from .find import reads_fast

    if fast is None:
        for doc in documents:
            if reads_fast(doc.text):
                ctx.warn(f"{doc.path}: over 500 KB, quotations attributed by word patterns "
                         f"(fast, less accurate); --full parses it")


def resolve_corpus_dir(corpus_dir: Path | None) -> Path:
    if corpus_dir is not None:
        return corpus_dir
    return Path(os.environ.get(CORPUS_ENV) or "corpus")


def open_corpus(ctx: Context, corpus_dir: Path | None, index_path: Path | None, sync: bool = True):
    """Open (and bring up to date) the corpus; QuotecheckError when it cannot be used."""
    from . import store

    root = resolve_corpus_dir(corpus_dir)
    if not root.is_dir():
        raise QuotecheckError(f"{root}: corpus folder not found (use --corpus DIR or set ${CORPUS_ENV})")
    corpus = store.Corpus.open(root, index=index_path)
    if sync:
        try:
            report = corpus.sync(progress=_progress_callback(ctx))
        except store.CorpusBusyError as exc:
            # another process is indexing: what is indexed already is consistent, so use it
            ctx.warn(f"{exc}; using the index as it is")
        else:
            _report_sync(ctx, report)
    return corpus


def _progress_callback(ctx: Context):
    from .report.terminal import ProgressBar

    return ProgressBar(ctx.stderr)


def _report_sync(ctx: Context, report) -> None:
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
    """Run `action()`, turning our own errors into one line and exit status 2."""
    try:
        return action()
    except QuotecheckError as exc:
        ctx.error(str(exc))
        return EXIT_BAD_INPUT


# --- quotes -------------------------------------------------------------------------------

@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--speaker", "-s", help="Only quotes by this person (any form of the name: `Altman`).")
@reading_option
@corpus_option
@aliases_option
@output_options
@click.pass_obj
def quotes(ctx: Context, paths, speaker, fast, corpus_dir, index_path, aliases_path, fmt, output) -> None:
    """List the quotations in FILES or folders, with speaker, cue, kind and context.

    Without FILES, lists the quotes of the reference corpus (a lookup in its index).
    """
    def action() -> int:
        from .report import render_quotes
        from .find.speakers import same_person

        aliases = load_aliases(aliases_path)
        if paths:
            sourced, status = _quotes_of_files(ctx, paths, aliases, fast)
        else:
            sourced, status = _quotes_of_corpus(ctx, corpus_dir, index_path, aliases), EXIT_OK
        if speaker:
            sourced = [s for s in sourced if s.quote.speaker and same_person(s.quote.speaker, speaker)]
        emit(render_quotes(sourced, fmt, color=_color(output)), output)
        return status

    sys.exit(run_guarded(ctx, action))


def _quotes_of_files(ctx: Context, paths, aliases, fast: bool | None):
    from .find import find_quotes_many
    from .store import DocumentInfo, SourcedQuote

    inputs = read_inputs(ctx, paths)
    note_fast_reading(ctx, inputs.documents, fast)
    found = find_quotes_many([d.text for d in inputs.documents], aliases=aliases, fast=fast)
    sourced = []
    for doc, quotes in zip(inputs.documents, found):
        info = DocumentInfo.of(doc)
        sourced += [SourcedQuote(quote=q, document=info) for q in doc.with_known_quotes(quotes)]
    return sourced, (EXIT_BAD_INPUT if inputs.errors else EXIT_OK)


def _quotes_of_corpus(ctx: Context, corpus_dir, index_path, aliases):
    with open_corpus(ctx, corpus_dir, index_path) as corpus:
        sourced = corpus.quotes()
    if aliases is not None:
        for s in sourced:
            if s.quote.speaker:
                s.quote.speaker = aliases.canonical(s.quote.speaker)
    return sourced


# --- check --------------------------------------------------------------------------------

@cli.command()
@click.argument("drafts", nargs=-1, required=True, type=click.Path(path_type=Path))
@corpus_option
@aliases_option
@output_options
@click.option("--quiet", "-q", is_flag=True, help="Show only misquotes.")
@reading_option
@click.pass_obj
def check(ctx: Context, drafts, corpus_dir, index_path, aliases_path, fmt, output, quiet, fast) -> None:
    """Give every quote in DRAFTS a verdict against the reference corpus.

    Verdicts: verbatim, editorial, altered, stitched, misattributed, unsupported.
    Exit status 0 when every quote is supported, 1 when any is a misquote, 2 on bad input.
    """
    def action() -> int:
        from .judge import check_document
        from .report import render_check

        inputs = read_inputs(ctx, drafts)
        if not inputs.documents:
            return EXIT_BAD_INPUT
        aliases = load_aliases(aliases_path)
        note_fast_reading(ctx, inputs.documents, fast)
        with open_corpus(ctx, corpus_dir, index_path) as corpus:
            results = [(doc, check_document(doc, corpus, aliases=aliases, fast=fast))
                       for doc in inputs.documents]
            searched = corpus.stats()
        emit(render_check(results, fmt, searched=searched, quiet=quiet, color=_color(output)), output)
        if inputs.errors:
            return EXIT_BAD_INPUT
        misquote = any(f.verdict.is_misquote for _, findings in results for f in findings)
        return EXIT_MISQUOTE if misquote else EXIT_OK

    sys.exit(run_guarded(ctx, action))


def _color(output: Path | None) -> bool | None:
    """None lets rich decide (terminal, NO_COLOR); a file never gets colour codes."""
    return False if output is not None else None


# --- review -------------------------------------------------------------------------------

@cli.command()
@click.argument("draft", type=click.Path(path_type=Path))
@corpus_option
@aliases_option
@click.option("--apply", "apply_", is_flag=True, help="Apply the saved decisions to the draft (no UI).")
@click.option("--list", "list_", is_flag=True, help="Print the session's state and exit.")
@reading_option
@click.pass_obj
def review(ctx: Context, draft, corpus_dir, index_path, aliases_path, apply_, list_, fast) -> None:
    """Walk the findings of DRAFT one by one and fix the draft safely.

    Decisions are saved as they are made to DRAFT.quotecheck.json, so a session can be quit
    and resumed. The draft is rewritten only with a backup, and never if it changed on disk.
    """
    def action() -> int:
        from . import review as session
        from .judge import check_document
        from .review.render import state_view

        inputs = read_inputs(ctx, [draft])
        if not inputs.documents:
            return EXIT_BAD_INPUT
        doc = inputs.documents[0]
        note_fast_reading(ctx, [doc], fast)
        with open_corpus(ctx, corpus_dir, index_path) as corpus:
            findings = check_document(doc, corpus, aliases=load_aliases(aliases_path), fast=fast)
        if list_:
            _console().print(state_view(session.session_state(draft, findings)))
        elif apply_:
            result = session.apply_saved(draft, findings)
            ctx.stderr.print(result.message, highlight=False)
        else:
            session.run_review(draft, findings, text=doc.text)
        return EXIT_OK

    sys.exit(run_guarded(ctx, action))


# --- corpus -------------------------------------------------------------------------------

@cli.group()
def corpus() -> None:
    """Manage the reference corpus: a folder of sources plus its SQLite index."""


@corpus.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@corpus_option
@click.pass_obj
def corpus_add(ctx: Context, paths, corpus_dir, index_path) -> None:
    """Copy source files into the corpus and index them."""
    sys.exit(run_guarded(ctx, lambda: _corpus_change(ctx, corpus_dir, index_path, "add", paths)))


@corpus.command("remove")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@corpus_option
@click.pass_obj
def corpus_remove(ctx: Context, paths, corpus_dir, index_path) -> None:
    """Remove source files from the corpus and its index."""
    sys.exit(run_guarded(ctx, lambda: _corpus_change(ctx, corpus_dir, index_path, "remove", paths)))


@corpus.command("rebuild")
@corpus_option
@click.pass_obj
def corpus_rebuild(ctx: Context, corpus_dir, index_path) -> None:
    """Rebuild the index from the corpus files."""
    sys.exit(run_guarded(ctx, lambda: _corpus_change(ctx, corpus_dir, index_path, "rebuild", None)))


def _corpus_change(ctx: Context, corpus_dir, index_path, what: str, paths) -> int:
    from .report.terminal import render_sync

    with open_corpus(ctx, corpus_dir, index_path, sync=(what != "rebuild")) as corpus:
        progress = _progress_callback(ctx)
        if what == "add":
            report = corpus.add(paths, progress=progress)
        elif what == "remove":
            report = corpus.remove(paths)
        else:
            report = corpus.rebuild(progress=progress)
    _report_sync(ctx, report)
    _console().print(render_sync(report))
    return EXIT_BAD_INPUT if report.errors else EXIT_OK


@corpus.command("list")
@corpus_option
@click.option("--format", "-f", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True)
@click.pass_obj
def corpus_list(ctx: Context, corpus_dir, index_path, fmt) -> None:
    """List the corpus's documents with their metadata."""
    from .report import render_documents

    sys.exit(run_guarded(ctx, lambda: _corpus_show(ctx, corpus_dir, index_path,
                                                   lambda c: render_documents(c.documents(), fmt))))


@corpus.command("stats")
@corpus_option
@click.option("--format", "-f", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True)
@click.pass_obj
def corpus_stats(ctx: Context, corpus_dir, index_path, fmt) -> None:
    """Documents, passages, quotes, speakers and index size."""
    from .report import render_stats

    sys.exit(run_guarded(ctx, lambda: _corpus_show(ctx, corpus_dir, index_path,
                                                   lambda c: render_stats(c.stats(), fmt))))


def _corpus_show(ctx: Context, corpus_dir, index_path, render) -> int:
    with open_corpus(ctx, corpus_dir, index_path) as corpus:
        emit(render(corpus), None)
    return EXIT_OK


def main() -> None:
    cli(prog_name="quotecheck")
