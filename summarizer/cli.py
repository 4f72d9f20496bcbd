"""The `summarizer` command: parse flags, call the library, map errors to exit codes."""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer import __version__
from summarizer.errors import ConfigError, ExportError, InputError, SummarizerError
from summarizer.progress import Bars

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.extraction import ExtractionBatch, ExtractionOutcome
    from summarizer.records import ConsensusRecord

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
PROG = "summarizer"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line and exit 2, as argparse does, but shorter
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _model_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model")
    group.add_argument(
        "--backend",
        choices=("openai", "offline"),
        help="openai: any OpenAI-compatible server; offline: rules, no model "
        "(default: openai when a model is configured, else offline)",
    )
    group.add_argument("--model", help="model name (env SUMMARIZER_MODEL)")
    group.add_argument("--base-url", help="OpenAI-compatible server URL (env OPENAI_BASE_URL)")
    group.add_argument(
        "--mode",
        choices=("tools", "json_schema", "json", "md_json"),
        help="how the model returns records (default tools; json modes for "
        "servers without tool calling)",
    )
    group.add_argument(
        "--concurrency", type=int, metavar="N", help="articles in flight at once (default 4)"
    )
    group.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        dest="timeout_s",
        help="per-request timeout (default 120)",
    )
    group.add_argument(
        "--article-timeout",
        type=float,
        metavar="SECONDS",
        dest="article_timeout_s",
        help="time budget of one article, retries included; an article over it is reported "
        "as failed and the others go on (default 600)",
    )
    group.add_argument(
        "--max-attempts",
        type=int,
        metavar="N",
        help="transport attempts per request on 429 / 5xx / timeouts (default 5)",
    )
    group.add_argument(
        "--reasks",
        type=int,
        metavar="N",
        help="re-asks when the model's answer is invalid (default 2)",
    )
    cache = group.add_mutually_exclusive_group()
    cache.add_argument(
        "--cache-dir", type=Path, metavar="DIR", help="extraction cache (default .summarizer-cache)"
    )
    cache.add_argument(
        "--no-cache", action="store_true", default=None, help="neither read nor write the cache"
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        metavar="N",
        help="refuse input files larger than this (default 5000000)",
    )


def _reading_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="read symlinked files in input folders that point outside them (default: skip)",
    )


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-v", "--verbose", action="store_true", help="log retries and details")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")


def _batch_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="folders whose sub-folders each hold one event's articles (or, with --cluster, "
        "any files and folders of articles)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT_DIR",
        help="folder for events.jsonl and one <id>.json per event (created if missing)",
    )
    parser.add_argument(
        "--cluster", action="store_true", help="group the articles into events by content"
    )
    parser.add_argument(
        "--cluster-threshold",
        type=float,
        metavar="X",
        help="mean similarity (0-1) a group of articles needs to be one event (default 0.13; "
        "higher: more, smaller events)",
    )
    parser.add_argument(
        "--report", choices=("md", "html"), help="also write <id>.md or <id>.html per event"
    )
    parser.add_argument(
        "--executor",
        choices=("local", "ray"),
        default="local",
        help="local: this process; ray: a Ray cluster (pip install '.[ray]')",
    )
    parser.add_argument(
        "--address",
        metavar="ADDR",
        help="Ray cluster to join, e.g. ray://head:10001 (env RAY_ADDRESS; default: start "
        "a local one)",
    )
    parser.add_argument(
        "--batch-api",
        action="store_true",
        help="send uncached requests through OpenAI's Batch API (half price, slower); its "
        "state lives in OUT_DIR, so a re-run polls the same batch",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="drop records none of whose quotes are found in their article",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Turn several news reports of one event into one structured record, "
        "with every value traced to its sources and every disagreement flagged.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    run = commands.add_parser("run", help="extract and reconcile: articles in, one record out")
    run.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, folders (*.txt, *.md, *.html) , JSONL, or - for stdin",
    )
    run.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.json",
        help="where to write the record (default: stdout)",
    )
    run.add_argument(
        "--report",
        type=Path,
        metavar="OUT.md|OUT.html",
        help="also write a report for people to read",
    )
    run.add_argument(
        "--strict",
        action="store_true",
        help="drop records none of whose quotes are found in their article",
    )
    run.add_argument(
        "--judge",
        action="store_true",
        default=None,
        help="ask the model about value pairs the rules leave open, one call per entity "
        "(env SUMMARIZER_JUDGE; needs a model)",
    )
    _model_flags(run)
    _reading_flags(run)
    _common(run)

    extract = commands.add_parser("extract", help="per-article records only, as JSONL")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="EXTRACTIONS.jsonl",
        help="where to write the JSONL (default: stdout)",
    )
    _model_flags(extract)
    _reading_flags(extract)
    _common(extract)

    reconcile = commands.add_parser("reconcile", help="JSONL of extract in, record out; no model")
    reconcile.add_argument("extractions", type=Path, metavar="EXTRACTIONS.jsonl")
    reconcile.add_argument("-o", "--output", type=Path, metavar="OUT.json")
    reconcile.add_argument("--report", type=Path, metavar="OUT.md|OUT.html")
    reconcile.add_argument("--strict", action="store_true")
    _common(reconcile)

    batch = commands.add_parser(
        "batch", help="many events: one record per event folder (or per cluster) into OUT_DIR"
    )
    _batch_flags(batch)
    _model_flags(batch)
    _common(batch)

    schema = commands.add_parser("schema", help="print or regenerate the JSON Schema files")
    schema.add_argument("--write", action="store_true", help="write them into --dir")
    schema.add_argument("--dir", type=Path, default=Path("schemas"), help="default: schemas/")
    schema.add_argument(
        "--name",
        default="consensus_record.schema.json",
        help="which schema to print (default consensus_record.schema.json)",
    )
    return parser


# Control characters (C0, DEL, C1) and the invisible bidirectional overrides, as escapes: text
# from files, servers and models never moves the cursor, retitles the terminal or reorders a line.
_UNPRINTABLE = {
    code: (
        {9: "\\t", 10: "\\n", 13: "\\r"}.get(code)
        or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    )
    for code in [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}
_SECRETS: list[str] = []


def printable(text: str) -> str:
    """`text` for a terminal: control characters shown as escapes, the API key redacted."""
    from summarizer.config import redact

    for secret in _SECRETS:
        text = redact(text, secret)
    return text.translate(_UNPRINTABLE)


def _print_err(message: str) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(printable(message), file=sys.stderr)


class _Redact(logging.Filter):
    """Scrub the key from every log line, tracebacks included; escape control characters."""

    def __init__(self, secret: str | None, verbose: bool) -> None:
        super().__init__()
        self.secret = secret
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        from summarizer.config import redact

        message = redact(record.getMessage(), self.secret).translate(_UNPRINTABLE)
        if record.exc_info and self.verbose:
            trace = redact(logging.Formatter().formatException(record.exc_info), self.secret)
            message += "".join("\n" + line.translate(_UNPRINTABLE) for line in trace.split("\n"))
        record.msg = message
        record.args = None
        record.exc_info = None
        record.exc_text = None
        return True


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is at the time of each record."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _setup_logging(verbose: bool, secret: str | None) -> None:
    if secret:
        _SECRETS[:] = [secret]
    handler = _Stderr()
    handler.setFormatter(logging.Formatter(f"{PROG}: %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_Redact(secret, verbose))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for noisy in ("instructor", "openai", "httpx", "httpx2", "httpcore", "httpcore2"):
        logging.getLogger(noisy).setLevel(logging.INFO if verbose else logging.CRITICAL)
    logging.getLogger("summarizer").setLevel(logging.DEBUG if verbose else logging.WARNING)


def _say(args: argparse.Namespace, message: str) -> None:
    if not getattr(args, "quiet", False):
        _print_err(f"{PROG}: {message}")


def _settings(args: argparse.Namespace) -> Settings:
    from summarizer.config import load_settings

    overrides = {
        key: getattr(args, key, None)
        for key in (
            "backend",
            "model",
            "base_url",
            "mode",
            "concurrency",
            "timeout_s",
            "article_timeout_s",
            "max_attempts",
            "reasks",
            "cache_dir",
            "no_cache",
            "max_bytes",
            "judge",
        )
    }
    return load_settings(overrides)


class _Progress(Bars):
    """A progress bar over articles on a terminal; nothing when stderr is piped or --quiet."""

    def __init__(self, total: int, enabled: bool) -> None:
        super().__init__({"extracting": total}, enabled)

    def done(self, outcome: ExtractionOutcome) -> None:
        self.advance("extracting")


def _summary(batch: ExtractionBatch, problems: int) -> str:
    u = batch.usage
    cost = "unknown" if batch.cost_usd is None else f"${batch.cost_usd:.4f}"
    failed = len(batch.failures) + problems
    return (
        f"{len(batch.outcomes)} articles, {failed} failed, {u.llm_calls} calls, "
        f"{u.retries} retries, {u.cache_hits} cached, {u.input_tokens} in / "
        f"{u.output_tokens} out tokens, cost {cost}, {batch.duration_s:.1f}s "
        f"[{batch.backend}{'/' + batch.model if batch.model else ''}]"
    )


def _stdout_gone(reason: str) -> ExportError:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return ExportError(f"cannot write to standard output: {reason}; give -o FILE")


def _write_out(path: Path | None, text: str | Iterable[str]) -> None:
    """Write `text` (one string, or pieces written as they come) to `path`, or to stdout."""
    from summarizer.files import write_text_atomic

    if path is None or str(path) == "-":
        if sys.stdout is None:
            raise ExportError("cannot write to standard output: it is closed; give -o FILE")
        try:
            for piece in [text] if isinstance(text, str) else text:
                sys.stdout.write(piece)
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # the reader went away: main says so in one line
        except (OSError, ValueError) as e:
            raise _stdout_gone(getattr(e, "strerror", None) or str(e) or "closed") from None
    else:
        write_text_atomic(path, text)


def _check_outputs(
    inputs: Sequence[str | Path], output: Path | None, report: Path | None = None
) -> None:
    """Refuse unusable output paths before any work is done."""
    from summarizer.files import check_outputs
    from summarizer.ingest import TEXT_SUFFIXES

    if report is not None and report.suffix.lower() not in (".md", ".html", ".htm"):
        raise ExportError(f"--report {report}: give a .md or .html file name")
    check_outputs([("-o", output), ("--report", report)], inputs, suffixes=TEXT_SUFFIXES)


def _extract_stage(
    args: argparse.Namespace,
    settings: Settings,
    on_done: Callable[[ExtractionOutcome], None] | None = None,
) -> tuple[Any, Any]:
    from summarizer.extraction import extract_batch
    from summarizer.ingest import read_articles

    outputs = [p for p in (getattr(args, "output", None), getattr(args, "report", None)) if p]
    ingested = read_articles(
        args.paths,
        max_bytes=settings.max_bytes,
        exclude=outputs,
        follow_symlinks=args.follow_symlinks,
    )
    for problem in ingested.problems:
        _say(args, f"skipped {problem}")
    for notice in ingested.skipped:
        _say(args, f"note: {notice}")
    if not ingested.articles:
        given = ", ".join(str(p) for p in args.paths[:3])
        raise InputError(
            f"no readable articles in {given}; give .txt, .md or .html files, folders of them, "
            'a .jsonl of {"id", "text"} lines, or - for stdin'
        )
    if not settings.no_cache:
        from summarizer.cache import check_cache_dir

        check_cache_dir(settings.cache_dir)
        args.cached_in = settings.cache_dir
    if settings.implicit_offline:
        _say(
            args,
            "no model configured: using the offline extractor (rules, no LLM); set "
            "SUMMARIZER_MODEL and OPENAI_API_KEY or OPENAI_BASE_URL to use a model",
        )
    with _Progress(len(ingested.articles), not args.quiet) as progress:
        import asyncio

        def done(outcome: ExtractionOutcome) -> None:
            progress.done(outcome)
            if on_done is not None:
                on_done(outcome)

        _settle(settings)
        batch = asyncio.run(extract_batch(ingested.articles, settings, on_done=done))
    _say_failures(args, [(o.article.id, o.error or "failed") for o in batch.failures])
    return ingested, batch


def _settle(settings: Settings) -> None:
    """When the command is the process (`entry`): load the backend's libraries, then leave every
    object made so far (modules, schemas, the articles) to the collector's permanent generation:
    none of it is garbage before the process ends, and a batch allocates so fast that each full
    collection would walk it all again. The young generation is collected less often."""
    if not _PROCESS:
        return  # `main` called in another program's process: its collector is left as it is
    if settings.resolved_backend != "offline":
        import summarizer.backends.openai  # noqa: F401 - loaded here to be frozen with the rest
    gc.freeze()
    # A request's objects die young and mostly by reference counting: a pass over the young
    # generation every 700 allocations (the default) finds next to nothing to free.
    gc.set_threshold(20_000, 20, 10)


def _say_failures(args: argparse.Namespace, failures: Sequence[tuple[str, str]]) -> None:
    """One line per distinct error: articles that failed alike are named together."""
    by_error: dict[str, list[str]] = {}
    for source, error in failures:
        by_error.setdefault(error, []).append(source)
    for error, sources in by_error.items():
        if len(sources) == 1:
            _say(args, f"failed {sources[0]}: {error}")
            continue
        names = ", ".join(sources[:3]) + (f" and {len(sources) - 3} more" if sources[3:] else "")
        _say(args, f"failed {len(sources)} articles ({names}): {error}")


def _write_results(
    args: argparse.Namespace, record: ConsensusRecord, texts: dict[str, str], all_failed: bool
) -> str:
    """Write the record and the report, except over an existing file when every article
    failed: that file is kept and the user told. Returns where things are, for the summary."""
    from summarizer.pipeline import record_json_pieces, write_report

    kept, written = [], []
    for path, kind in ((args.output, "record"), (args.report, "report")):
        if path is None and kind == "report":
            continue
        if all_failed and path is not None and str(path) != "-" and path.exists():
            kept.append(str(path))
        elif kind == "record":
            _write_out(path, record_json_pieces(record))  # never whole in memory
            if path is not None and str(path) != "-":
                written.append(f"record in {path}")
        else:
            write_report(path, record, texts)
            written.append(f"report in {path}")
    if kept:  # said even with --quiet: the user may expect new files there
        print(
            f"{PROG}: every article failed: kept the existing {' and '.join(kept)} unchanged "
            "(nothing new to write over it)",
            file=sys.stderr,
        )
    return "; ".join(written)


def _command_extract(args: argparse.Namespace) -> int:
    from summarizer.pipeline import extraction_lines

    settings = _settings(args)
    _setup_logging(args.verbose, _secret(settings))
    _check_outputs(args.paths, args.output)
    ingested, batch = _extract_stage(args, settings)
    _write_out(args.output, extraction_lines(batch))
    _say(args, _summary(batch, len(ingested.problems)))
    return EXIT_FAILURES if (batch.failures or ingested.problems) else EXIT_OK


def _command_run(args: argparse.Namespace) -> int:
    from summarizer.judge import check_judge, judge_record
    from summarizer.pipeline import GroundAsDone, ReconcileAside, reconcile, run_of, run_quietly

    settings = _settings(args)
    _setup_logging(args.verbose, _secret(settings))
    check_judge(settings)
    _check_outputs(args.paths, args.output, args.report)
    aside = None
    to_file = args.output is not None and str(args.output) != "-"
    if settings.resolved_backend == "openai" and not settings.judge and to_file:
        # each article grounded, and the batch reconciled and written, on the other core
        aside = ReconcileAside()
    # otherwise each article is grounded here while the others are in flight
    grounding = GroundAsDone()
    ingested, batch = _extract_stage(args, settings, on_done=aside or grounding)
    if aside is not None and any(o.ok for o in batch.outcomes):
        run = run_of(batch, ingested.problems)
        counts = aside.finish(
            batch.outcomes, run=run, output=args.output, report=args.report, strict=args.strict
        )
        if counts is not None:
            written = [f"record in {args.output}"]
            written += [f"report in {args.report}"] if args.report is not None else []
            _say(args, _summary(batch, len(ingested.problems)))
            _say(
                args,
                "{} meetings, {} proposals, {} statements, {} conflicts; ".format(*counts)
                + "; ".join(written),
            )
            return EXIT_FAILURES if (batch.failures or ingested.problems) else EXIT_OK
    if aside is not None:
        aside.close()
    questions: list[Any] = []
    record = reconcile(
        batch.outcomes,
        strict=args.strict,
        run=run_of(batch, ingested.problems),
        questions=questions,
        grounded=grounding.grounded,
    )
    del grounding
    if settings.judge:
        articles = {a.id: a for a in ingested.articles}
        record = run_quietly(judge_record(record, questions, articles, settings))
        judged = record.run.llm_calls - batch.usage.llm_calls
        _say(args, f"judge: {len(questions)} open pairs, {judged} calls")
    texts = {o.article.id: o.article.text for o in batch.outcomes}
    where = _write_results(args, record, texts, not any(o.ok for o in batch.outcomes))
    _say(args, _summary(batch, len(ingested.problems)))
    _say(
        args,
        f"{len(record.meetings)} meetings, {len(record.proposals)} proposals, "
        f"{len(record.statements)} statements, {len(record.conflicts)} conflicts"
        + (f"; {where}" if where else ""),
    )
    return EXIT_FAILURES if (batch.failures or ingested.problems) else EXIT_OK


def _command_reconcile(args: argparse.Namespace) -> int:
    from summarizer.pipeline import read_extractions, reconcile

    _setup_logging(args.verbose, None)
    _check_outputs([args.extractions], args.output, args.report)
    outcomes, run = read_extractions(args.extractions)
    record = reconcile(outcomes, strict=args.strict, run=run)
    texts = {o.article.id: o.article.text for o in outcomes}
    _write_results(args, record, texts, not any(o.ok for o in outcomes))
    _say_failures(args, [(f.source, f.error) for f in run.failures])
    _say(
        args,
        f"{len(outcomes)} articles, {len(record.meetings)} meetings, "
        f"{len(record.statements)} statements, {len(record.conflicts)} conflicts",
    )
    return EXIT_FAILURES if run.failures else EXIT_OK


def _command_schema(args: argparse.Namespace) -> int:
    from summarizer.schemas import SCHEMAS, render_schema, write_schemas

    if args.write:
        _write_out(None, "".join(f"{printable(str(p))}\n" for p in write_schemas(args.dir)))
        return EXIT_OK
    if args.name not in SCHEMAS:
        raise ConfigError(f"unknown schema {args.name!r}; choose one of {', '.join(SCHEMAS)}")
    _write_out(None, render_schema(args.name))
    return EXIT_OK


def _secret(settings: Settings) -> str | None:
    return settings.api_key.get_secret_value() if settings.api_key else None


def _command_batch(args: argparse.Namespace) -> int:
    from summarizer.cli_batch import command_batch

    settings = _settings(args)
    _setup_logging(args.verbose, _secret(settings))
    return command_batch(args, settings, say=lambda message: _say(args, message))


COMMANDS = {
    "run": _command_run,
    "batch": _command_batch,
    "extract": _command_extract,
    "reconcile": _command_reconcile,
    "schema": _command_schema,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 1 some failed, 2 bad usage)."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        cache = getattr(args, "cached_in", None)
        if args.command == "batch":
            message = f"finished events are in {args.output}, re-run to resume"
        elif cache is not None:
            message = f"articles finished so far are cached in {cache}, re-run to resume"
        else:
            message = "nothing was cached or written"
        _print_err(f"{PROG}: interrupted; {message}")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _stdout_gone("broken pipe")
        _print_err(f"{PROG}: error: the reader closed standard output (broken pipe)")
        return EXIT_FAILURES
    except SummarizerError as e:
        _print_err(f"{PROG}: error: {e}")
        return EXIT_USAGE
    finally:
        _SECRETS.clear()


# True when the command runs as its own process (`entry`), whose collector it may tune.
_PROCESS = False


def entry() -> None:
    global _PROCESS
    _PROCESS = True
    code = main()
    gc.freeze()  # the collection as the interpreter ends need not walk what the run left
    sys.exit(code)


__all__ = ["build_parser", "main", "printable"]
