"""The `quotecheck` command line: parse options, call the library, choose a renderer.

Exit status (like linters): 0 all quotes supported, 1 a misquote was found (check), 2 bad usage or
an input that could not be read (the good inputs are still processed and reported), 130
interrupted.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import which_build
from .cli_common import (EXIT_BAD_INPUT, EXIT_MISQUOTE, EXIT_OK, Context, aliases_option, console,
                         corpus_option, emit, jobs_option, load_aliases, note_fast_reading, open_corpus,
                         output_options, read_inputs, reading_option, run_guarded, workers_from)
from .cli_corpus import corpus


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quotecheck",
                      message=f"%(prog)s, version %(version)s ({which_build()})")
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


cli.add_command(corpus)


# --- quotes -------------------------------------------------------------------------------

@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--speaker", "-s", help="Only quotes by this person (any form of the name: `Altman`).")
@reading_option
@jobs_option
@corpus_option
@aliases_option
@output_options
@click.pass_obj
def quotes(ctx: Context, paths, speaker, fast, jobs, corpus_dir, index_path, aliases_path, fmt, output) -> None:
    """List the quotations in FILES or folders, with speaker, cue, kind and context.

    Without FILES, lists the quotes of the reference corpus (a lookup in its index).
    """
    def action() -> int:
        from .report import render_quotes
        from .find.speakers import same_person

        aliases = load_aliases(aliases_path)
        if paths:
            sourced, status = _quotes_of_files(ctx, paths, aliases, fast, workers_from(jobs))
        else:
            sourced, status = _quotes_of_corpus(ctx, corpus_dir, index_path, aliases), EXIT_OK
        if speaker:
            sourced = [s for s in sourced if s.quote.speaker and same_person(s.quote.speaker, speaker)]
        emit(render_quotes(sourced, fmt, color=_color(output)), output)
        return status

    sys.exit(run_guarded(ctx, action))


def _quotes_of_files(ctx: Context, paths, aliases, fast: bool | None, workers: int):
    from .find import find_quotes_many
    from .store import DocumentInfo, SourcedQuote

    inputs = read_inputs(ctx, paths)
    note_fast_reading(ctx, inputs.documents, fast)
    found = find_quotes_many([d.text for d in inputs.documents], aliases=aliases, fast=fast, workers=workers)
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
@jobs_option
@click.pass_obj
def check(ctx: Context, drafts, corpus_dir, index_path, aliases_path, fmt, output, quiet, fast, jobs) -> None:
    """Give every quote in DRAFTS a verdict against the reference corpus.

    Verdicts: verbatim, editorial, altered, stitched, misattributed, unsupported.
    Exit status 0 when every quote is supported, 1 when any is a misquote, 2 on bad input.
    """
    def action() -> int:
        from .judge import check_documents
        from .report import render_check

        inputs = read_inputs(ctx, drafts)
        if not inputs.documents:
            return EXIT_BAD_INPUT
        aliases = load_aliases(aliases_path)
        note_fast_reading(ctx, inputs.documents, fast)
        with open_corpus(ctx, corpus_dir, index_path, jobs=jobs) as corpus:
            checked = check_documents(inputs.documents, corpus, aliases=aliases, fast=fast,
                                      workers=workers_from(jobs))
            results = list(zip(inputs.documents, checked))
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
@jobs_option
@click.pass_obj
def review(ctx: Context, draft, corpus_dir, index_path, aliases_path, apply_, list_, fast, jobs) -> None:
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
        with open_corpus(ctx, corpus_dir, index_path, jobs=jobs) as corpus:
            findings = check_document(doc, corpus, aliases=load_aliases(aliases_path), fast=fast,
                                      workers=workers_from(jobs))
        if list_:
            console().print(state_view(session.session_state(draft, findings)))
        elif apply_:
            result = session.apply_saved(draft, findings)
            ctx.stderr.print(result.message, highlight=False)
        else:
            session.run_review(draft, findings, text=doc.text)
        return EXIT_OK

    sys.exit(run_guarded(ctx, action))


# --- corpus -------------------------------------------------------------------------------


# numpy's BLAS spreads each of the parser's small matrix products over every core: on PolNeAR dev
# 2.2 CPU seconds for 1.26 s of wall time, where one thread takes 1.28 s and 1.28 CPU seconds.
# One thread each, and the cores go to quotecheck's own workers (--jobs) instead. Set before
# numpy is first imported; a value the user exported is kept.
ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def main() -> None:
    for var in ONE_THREAD:
        os.environ.setdefault(var, "1")
    cli(prog_name="quotecheck")
