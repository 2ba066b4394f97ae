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
    segmenter: Annotated[str, typer.Option("--segmenter", help="jieba (default; computed by jieba-rs, the same words as "
        "jieba.lcut), jieba-py (the reference Python jieba, 15x slower) or pkuseg (needs --pkuseg-model).")] = "jieba",
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

    if segmenter not in ("jieba", "jieba-py", "pkuseg"):
        _fail_usage(f"--segmenter must be jieba, jieba-py or pkuseg, not {segmenter!r}")
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

    try:
        out = open(output, "wb") if output else sys.stdout.buffer
    except OSError as e:
        _fail_usage(f"{output}: cannot write the output: {e.strerror or e}")
    progress = _Progress(_count_documents(inputs))
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


# --- ecosystem commands: render, eval, export ---


def _annotated(inputs: list[str], texts: Optional[list[str]], date: Optional[str]):
    """Documents with their mentions: record files joined with --texts, or articles extracted now."""
    from .annotated import annotated_docs

    return annotated_docs(inputs, list(texts or []), date)


def _run_ecosystem(action) -> None:
    """Map library errors to exit codes: 2 for arguments that do not fit, 1 for bad input."""
    from .annotated import UsageProblem

    try:
        action()
    except UsageProblem as e:
        _fail_usage(str(e))
    except ZhextractError as e:
        typer.echo(f"zhextract: {e}", err=True)
        raise typer.Exit(1)


_TEXTS_HELP = ("The articles the records were made from (a folder of ID.txt, the input JSONL, .txt files); "
               "needed when INPUT holds records. Repeatable.")
_INPUT_HELP = ("Records (JSONL written by `zhextract extract`, or gold files) with --texts; or articles "
               "(anything `extract` reads), extracted on the spot.")


@app.command()
def render(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT...", help=_INPUT_HELP)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML page to write.")],
    texts: Annotated[Optional[list[str]], typer.Option("--texts", help=_TEXTS_HELP)] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", callback=_check_date, help="Anchor date when extracting from articles.")] = None,
    title: Annotated[str, typer.Option("--title", help="Page title.")] = "zhextract review",
) -> None:
    """Write one self-contained HTML review page of records and their articles.

    Each article with its mentions highlighted by type (attributes on hover), and
    per document a summary and a table of its claims.

    Examples:

      zhextract render out.jsonl --texts articles.jsonl -o review.html

      zhextract render seeds/ -o review.html          # extract, then render
    """
    from .render import render_html

    def action() -> None:
        page = render_html(_annotated(inputs, texts, date), title)
        output.write_text(page, encoding="utf-8")

    _run_ecosystem(action)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold records (JSONL; `optional` and `alt` honoured).")],
    pred: Annotated[Path, typer.Argument(help="Predicted records (JSONL from `zhextract extract`).")],
    show: Annotated[bool, typer.Option("--show", help="List each missed, spurious and wrongly normalized mention.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as one JSON object.")] = False,
    only: Annotated[Optional[list[str]], typer.Option("--type", help="With --show, list misses of this type only. Repeatable.")] = None,
) -> None:
    """Score predicted records against gold records.

    Precision, recall and F1 per type (exact span and overlap), value accuracy for
    dates and claims, attribute accuracy for claims. Only documents in GOLD are scored.

    Example:

      zhextract eval gold.jsonl out.jsonl --show --type claim
    """
    import json

    from .annotated import MENTION_TYPES
    from .evaluate import format_misses, format_table, misses_as_json, score_files

    for kind in only or []:
        if kind not in MENTION_TYPES:
            _fail_usage(f"--type must be one of {', '.join(MENTION_TYPES)}, not {kind!r}")

    def action() -> None:
        report, misses = score_files(gold, pred)
        if only:
            misses = [m for m in misses if m.type in only]
        if as_json:
            if show:
                report = {**report, "misses": misses_as_json(misses)}
            typer.echo(json.dumps(report, ensure_ascii=False))
            return
        typer.echo(format_table(report))
        if show and misses:
            typer.echo(format_misses(misses))

    _run_ecosystem(action)


@app.command()
def export(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT...", help=_INPUT_HELP)],
    to: Annotated[str, typer.Option("--to", help="doccano (JSONL), label-studio (JSON tasks with predictions) "
                                    "or spacy (a DocBin .spacy file, mentions in doc.spans).")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write here instead of standard "
                                                   "output (required for spacy).")] = None,
    texts: Annotated[Optional[list[str]], typer.Option("--texts", help=_TEXTS_HELP)] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", callback=_check_date, help="Anchor date when extracting from articles.")] = None,
    spans_key: Annotated[str, typer.Option("--spans-key", help="spacy: the doc.spans key.")] = "sc",
    tokens: Annotated[str, typer.Option("--tokens", help="spacy: char (every span exact) or jieba words "
                                        "(spans widened to words).")] = "char",
) -> None:
    """Convert records, joined with their texts, to doccano, Label Studio or spaCy.

    Examples:

      zhextract export out.jsonl --texts articles.jsonl --to doccano -o doccano.jsonl

      zhextract export out.jsonl --texts articles.jsonl --to label-studio -o tasks.json

      zhextract export out.jsonl --texts articles.jsonl --to spacy -o train.spacy
    """
    from .export import FORMATS, export as run_export

    if to not in FORMATS:
        _fail_usage(f"--to must be one of {', '.join(FORMATS)}, not {to!r}")
    if to == "spacy" and output is None:
        _fail_usage("--to spacy writes a binary DocBin: give -o FILE.spacy")
    if tokens not in ("char", "jieba"):
        _fail_usage(f"--tokens must be char or jieba, not {tokens!r}")

    def action() -> None:
        docs = _annotated(inputs, texts, date)
        if to == "spacy":
            stats = run_export(docs, to, path=output, tokens=tokens, spans_key=spans_key)
        elif output is not None:
            with open(output, "wb") as out:
                stats = run_export(docs, to, out=out)
        else:
            stats = run_export(docs, to, out=sys.stdout.buffer)
            sys.stdout.buffer.flush()
        if stats.widened:
            typer.echo(f"zhextract: {stats.widened} spans widened to word boundaries", err=True)

    _run_ecosystem(action)


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
