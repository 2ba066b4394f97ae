"""The command line: a thin layer that parses, calls the library, maps errors to exit codes.

Exit status: 0 all went well; 1 some input could not be read or processed
(each named on standard error, everything else was still extracted); 2 wrong usage.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import ZhextractError

app = typer.Typer(
    help="Extract companies, organizations, projects, people, places, dates and numeric "
    "claims from Chinese news articles, as normalized JSONL (one record a line).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main_options() -> None:
    """Extract companies, organizations, projects, people, places, dates and numeric claims
    from Chinese news articles, as normalized JSONL (one record a line).

    Start with: zhextract extract seeds/ -o out.jsonl
    """


def _fail_usage(message: str) -> None:
    typer.echo(f"zhextract: {message}", err=True)
    raise typer.Exit(2)


def _check_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form")
    return value


class _Progress:
    """A progress bar on standard error when it is a terminal and the run is long
    (tqdm shows it only after a couple of seconds); nothing otherwise."""

    def __init__(self, total: Optional[int]) -> None:
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", delay=2.0, file=sys.stderr, leave=False)

    def __call__(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def write(self, msg: str) -> None:
        if self.bar is not None:
            self.bar.write(msg, file=sys.stderr)
        else:
            print(msg, file=sys.stderr, flush=True)


def _count_documents(inputs: list[str]) -> Optional[int]:
    """How many documents, when cheap to know (files and folders), for the bar."""
    total = 0
    for arg in inputs:
        path = Path(arg)
        if arg == "-" or path.suffix.lower() == ".jsonl":
            return None
        total += sum(1 for _ in path.rglob("*.txt")) if path.is_dir() else 1
    return total


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...",
        help="A .txt file (one article); a folder (every .txt below it, sorted); a .jsonl file of "
        '{"id", "text", "date"} lines; or - for standard input (JSONL when it starts with {, else one article).')],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write JSONL here instead of standard output.")] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", callback=_check_date,
        help="Anchor date (YYYY-MM-DD) for relative dates (今年, 上月, 7月1日) in every input; a JSONL "
        "`date` overrides it. Without it, each article's own date is inferred from its text.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes; output order stays the input order.")] = 1,
    segmenter: Annotated[str, typer.Option("--segmenter", help="jieba (default) or pkuseg (needs --pkuseg-model).")] = "jieba",
    pkuseg_model: Annotated[Optional[Path], typer.Option("--pkuseg-model", help="Folder of a trained spacy-pkuseg model.")] = None,
    lexicon: Annotated[Optional[list[Path]], typer.Option(
        "--lexicon", help="User lexicon TSV: surface<TAB>type<TAB>canonical (type: company, organization, "
        "project, person, place). Repeatable.")] = None,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", help="Run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'.")] = None,
) -> None:
    """Extract records from articles and write them as JSONL.

    Each document gives a `document` record, then its mentions in text order.
    Offsets count code points of the text exactly as decoded.

    Examples:

      zhextract extract seeds/                       # every .txt below seeds/

      zhextract extract articles.jsonl -o out.jsonl --jobs 2

      cat article.txt | zhextract extract - --date 2024-06-20
    """
    from .batch import PipelineConfig, run_batch
    from .io.inputs import iter_inputs
    from .segment import make_segmenter  # noqa: F401  (fail early on a bad segmenter below)

    if segmenter not in ("jieba", "pkuseg"):
        _fail_usage(f"--segmenter must be jieba or pkuseg, not {segmenter!r}")
    config = PipelineConfig(segmenter, str(pkuseg_model) if pkuseg_model else None,
                            tuple(str(p) for p in lexicon or ()))
    try:
        # Build once up front so that a missing model or a bad lexicon fails before any output.
        from .lexicon import load_user_lexicon

        load_user_lexicon(config.lexicons)
        if segmenter == "pkuseg":
            make_segmenter("pkuseg", config.pkuseg_model)
    except ZhextractError as e:
        _fail_usage(str(e))

    progress = _Progress(_count_documents(inputs))
    out = open(output, "wb") if output else sys.stdout.buffer
    try:
        if dask:
            from .dask import extract_with_dask

            stats = extract_with_dask(iter_inputs(inputs), out, config, scheduler=dask,
                                      default_date=date, report=progress.write)
        else:
            stats = run_batch(iter_inputs(inputs), out, config, jobs=jobs, default_date=date,
                              report=progress.write, progress=progress)
    except ZhextractError as e:
        progress.write(f"zhextract: {e}")
        raise typer.Exit(1)
    finally:
        progress.close()
        out.flush()
        if output:
            out.close()
    if stats.problems:
        raise typer.Exit(1)


def main() -> None:
    import logging

    logging.getLogger("jieba").setLevel(logging.ERROR)
    try:
        app()
    except BrokenPipeError:  # `zhextract extract … | head` is fine
        sys.stderr.close()
        raise SystemExit(0)


if __name__ == "__main__":
    main()
