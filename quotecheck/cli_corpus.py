"""`quotecheck corpus …`: add, remove, rebuild, list and count the reference corpus."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_common import (EXIT_BAD_INPUT, EXIT_OK, Context, console, corpus_option, emit,
                         open_corpus, progress_callback, report_sync, run_guarded)


@click.group()
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
        progress = progress_callback(ctx)
        if what == "add":
            report = corpus.add(paths, progress=progress)
        elif what == "remove":
            report = corpus.remove(paths)
        else:
            report = corpus.rebuild(progress=progress)
    report_sync(ctx, report)
    console().print(render_sync(report))
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
