"""JSON and JSON Lines: the stable machine formats of DESIGN.md that the scorers read."""
from __future__ import annotations

import json
from dataclasses import asdict

from ..model import Finding, Quote


def quote_record(q: Quote) -> dict:
    """One `quotes --format jsonl` line; offsets exclude the quotation marks."""
    return {
        "file": q.file, "start": q.start, "end": q.end,
        "spans": [[s.start, s.end] for s in q.spans],
        "text": q.text, "kind": q.kind.value, "speaker": q.speaker,
        "speaker_start": q.speaker_mention.start if q.speaker_mention else None,
        "speaker_end": q.speaker_mention.end if q.speaker_mention else None,
        "cue": q.cue.text if q.cue else None,
        "cue_start": q.cue.start if q.cue else None,
        "cue_end": q.cue.end if q.cue else None,
        "rule": q.rule, "confidence": round(q.confidence, 3),
    }


def finding_record(f: Finding, file: str) -> dict:
    """One `check --format jsonl` line."""
    src = f.source
    return {
        "file": file, "start": f.quote.start, "end": f.quote.end, "text": f.quote.text,
        "speaker": f.quote.speaker, "verdict": f.verdict.value,
        "source_file": src.path if src else None,
        "source_start": src.start if src else None,
        "source_end": src.end if src else None,
        "source_speaker": src.speaker if src else None,
        "score": round(f.score, 1),
        "diff": [{k: v for k, v in asdict(op).items() if v is not None} for op in f.diff],
    }


def finding_detail(f: Finding, file: str) -> dict:
    """The jsonl record plus what `--format json` adds: why, severity, pieces, other sources."""
    record = finding_record(f, file)
    record.update({
        "severity": f.severity, "why": f.why, "rule": f.quote.rule,
        "spans": [[s.start, s.end] for s in f.quote.spans],
        "pieces": [asdict(p) for p in f.pieces],
        "also_in": [asdict(p) for p in f.also_in],
    })
    return record


def jsonl(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def json_document(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
