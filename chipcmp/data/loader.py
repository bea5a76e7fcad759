"""Load and validate spec and claim files, collecting every problem before failing."""

from __future__ import annotations

import difflib
import os
import re
from datetime import date
from pathlib import Path

from . import schema
from .ratios import parse_ratio
from ..characters import first_unsafe
from ..errors import ChipcmpError, DataError, Problem
from ..metrics import METRICS, PUBLISHED, WRITABLE
from ..model import Chip, Claim, Library, Measurement, Model, Part, Rule, RuleClass, Source, Value, Workload
from .naming import normalize_name, record_kind
from .template import PLACEHOLDER
from .yamlnodes import Mapping, Sequence, Text, line_of, read_yaml

SPEC_SUFFIXES = (".yaml", ".yml")
# Suffixes a parameter or token count may carry: 671B, 37B, 6.7K.
NUMBER_SUFFIXES = {"": 1.0, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
NUMBER_PATTERN = re.compile(r"^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([KMBT]?)$")
# A walk that meets more files and folders than this stops: `--specs /` is a slip, not a
# library (the shipped one has under 100 files; the benchmark's largest has 10,000).
MAX_WALK_ENTRIES = 100_000
MULTILINE_FIELDS = ("notes", "note", "text")  # paragraphs: line breaks allowed


def discover(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand directories into their spec files; report paths that are not there."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found, trouble = _walk(path)
            files.extend(found)
            problems += trouble
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, "no such file or directory"))
    return files, problems


def _walk(root: Path) -> tuple[list[Path], list[Problem]]:
    """Spec files under `root`, following symbolic links that stay inside it.

    A link that leads outside the library, or to a folder already read, is
    reported and not followed: what a library holds is what is inside its folder.
    Hidden files and folders (.git) are skipped. More than MAX_WALK_ENTRIES
    entries stops the walk with a problem.
    """
    inside = os.path.realpath(root)
    seen = {inside: str(root)}
    found: list[Path] = []
    problems: list[Problem] = []
    errors: list[OSError] = []
    entries = 0

    def outside(full: str) -> str | None:
        real = os.path.realpath(full)
        return real if os.path.islink(full) and os.path.commonpath([real, inside]) != inside else None

    # os.walk rather than Path.rglob: several times faster on 10,000 files.
    for folder, dirs, names in os.walk(root, followlinks=True, onerror=errors.append):
        entries += len(dirs) + len(names)
        if entries > MAX_WALK_ENTRIES:
            return [], [Problem(str(root), None, f"more than {MAX_WALK_ENTRIES:,} files and folders; "
                                "not read (is this a spec library?)")]
        for name in list(dirs):
            full = os.path.join(folder, name)
            real = os.path.realpath(full)
            if name.startswith("."):
                dirs.remove(name)
            elif target := outside(full):
                problems.append(Problem(full, None, f"symbolic link to {target}, outside the library; "
                                        "not followed"))
                dirs.remove(name)
            elif real in seen:
                problems.append(Problem(full, None, f"the folder {seen[real]} again (a symbolic link); "
                                        "not read twice"))
                dirs.remove(name)
            else:
                seen[real] = full
        for name in names + dirs:  # a directory named x.yaml is reported, not skipped
            full = os.path.join(folder, name)
            if not name.endswith(SPEC_SUFFIXES) or name.startswith("."):
                continue
            if target := outside(full):
                problems.append(Problem(full, None, f"symbolic link to {target}, outside the library; "
                                        "not followed"))
            else:
                found.append(Path(full))
    problems += [Problem(str(root), None, f"cannot list: {exc}") for exc in errors]
    return sorted(found), problems


class _FileChecker:
    """Checks one parsed file and builds its record, noting every problem."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(str(self.path), line, message))

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(Problem(str(self.path), line, message, "warning"))

    # -- generic field checks -------------------------------------------------

    def fields(self, data, fields: tuple[schema.Field, ...], where: str) -> dict:
        """Check a mapping against a field table; return the fields that passed."""
        if not isinstance(data, Mapping):
            self.problem(line_of(data), f"{where}: expected a mapping of fields")
            return {}
        known = {f.name: f for f in fields}
        for key in data:
            if key not in known:
                hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                suffix = f"; did you mean {hint[0]!r}?" if hint else ""
                allowed = "" if hint else f" (allowed: {', '.join(known)})"
                self.problem(data.key_lines[key], f"{where}: unknown field {key!r}{suffix}{allowed}")
        good = {}
        for f in fields:
            if f.name not in data or data[f.name] is None:
                if f.required:
                    self.problem(data.line, f"{where}: missing required field {f.name!r}")
                continue
            value = data[f.name]
            line = data.key_lines[f.name]
            checked = self.scalar(value, f, f"{where}.{f.name}", line)
            if checked is not None:
                good[f.name] = checked
        return good

    def scalar(self, value, f: schema.Field, where: str, line: int):
        if f.type in ("aliases", "sources", "specs", "parts", "classes", "model", "workload"):
            return value  # structured fields are checked by their own methods
        if not isinstance(value, str):
            self.problem(line, f"{where}: expected a single value, not a list or mapping")
            return None
        text = value.strip()
        if unsafe := first_unsafe(text, multiline=f.name in MULTILINE_FIELDS):
            self.problem(line, f"{where}: contains {unsafe}; write plain text")
        elif PLACEHOLDER in text:
            self.problem(line, f"{where}: fill in the {PLACEHOLDER} placeholder, or delete the line "
                         "if the source does not publish it")
        elif f.type == "id" and not re.match(schema.ID_PATTERN, text):
            self.problem(line, f"{where}: {text!r} is not an id (lower-case a-z, 0-9 and '-')")
        elif f.type == "date" and not _valid_date(text):
            self.problem(line, f"{where}: {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        elif f.type == "country" and not re.match(schema.COUNTRY_PATTERN, text):
            self.problem(line, f"{where}: {text!r} is not an ISO country code such as US or CN")
        elif f.type == "enum" and text not in f.choices:
            hint = difflib.get_close_matches(text, f.choices, n=1)
            suffix = f"; did you mean {hint[0]!r}?" if hint else ""
            self.problem(line, f"{where}: {text!r} is not one of {', '.join(f.choices)}{suffix}")
        elif f.type == "bool" and text not in ("true", "false"):
            self.problem(line, f"{where}: expected true or false")
        elif f.type == "count" and not (text.isdigit() and int(text) > 0):
            self.problem(line, f"{where}: expected a positive whole number")
        elif f.type == "number" and not (NUMBER_PATTERN.match(text) and _number(text) > 0):
            self.problem(line, f"{where}: {text!r} is not a positive number (e.g. 6688, 0.45, 671B)")
        elif f.type == "precision" and not (text in METRICS and METRICS[text].throughput
                                             and not METRICS[text].computed):
            choices = [m for m in PUBLISHED if PUBLISHED[m].throughput]
            hint = difflib.get_close_matches(text, choices, n=1)
            suffix = f"; did you mean {hint[0]!r}?" if hint else f" ({', '.join(choices)})"
            self.problem(line, f"{where}: {text!r} is not a throughput metric{suffix}")
        elif f.type == "url" and not re.match(r"^https?://\S+$", text):
            self.problem(line, f"{where}: {text!r} is not an http(s) URL")
        elif f.type == "condition" and (error := _condition_error(text)):
            self.problem(line, f"{where}: {error}")
        elif not text:
            self.problem(line, f"{where}: empty")
        else:
            if f.type == "bool":
                return text == "true"
            if f.type == "count":
                return int(text)
            if f.type == "number":
                return _number(text)
            return text
        return None

    # -- structured fields ----------------------------------------------------

    def sources(self, data) -> dict[str, Source]:
        if not isinstance(data, Mapping) or not data:
            self.problem(line_of(data), "sources: expected a mapping of source id -> source")
            return {}
        result = {}
        for source_id, body in data.items():
            where = f"sources.{source_id}"
            line = data.key_lines[source_id]
            if not re.match(schema.ID_PATTERN, source_id):
                self.problem(line, f"{where}: source id must be lower-case a-z, 0-9 and '-'")
            good = self.fields(body, schema.SOURCE_FIELDS, where)
            unfilled = isinstance(body, Mapping) and any(PLACEHOLDER in str(v) for v in body.values())
            if isinstance(body, Mapping) and not unfilled and not (
                "url" in good or ("publisher" in good and "title" in good)
            ):
                self.problem(line, f"{where}: needs a url, or a publisher and a title")
            if "accessed" in good and "tier" in good:
                result[source_id] = Source(id=source_id, **good)
        return result

    def cited_sources(self, good: dict, data: Mapping, where: str) -> dict[str, Source]:
        """A claim's or rule's sources, checking that its `source` is one of them."""
        sources = self.sources(data["sources"]) if "sources" in good else {}
        declared = set(data["sources"]) if isinstance(data.get("sources"), Mapping) else set()
        if "source" in good and good["source"] not in declared:
            self.problem(data.key_lines["source"],
                         f"{where}.source: {good['source']!r} is not declared under sources")
        return sources

    def aliases(self, data) -> list[str]:
        if not isinstance(data, Sequence):
            self.problem(line_of(data), "aliases: expected a list of names")
            return []
        names = []
        for item in data:
            if isinstance(item, Text) and (unsafe := first_unsafe(item.strip())):
                self.problem(item.line, f"aliases: contains {unsafe}; write plain text")
            elif isinstance(item, Text) and PLACEHOLDER in item:
                self.problem(item.line, f"aliases: fill in the {PLACEHOLDER} placeholder, or delete it")
            elif isinstance(item, Text) and item.strip() and not normalize_name(item):
                self.problem(item.line, f"aliases: {item.strip()!r} has no letters or digits")
            elif isinstance(item, Text) and item.strip():
                names.append(Text(item.strip(), item.line))
            else:
                self.problem(line_of(item, data.line), "aliases: each alias must be a name")
        return names

    def parts(self, data) -> list[Part]:
        if not isinstance(data, Sequence):
            self.problem(line_of(data), "parts: expected a list of {chip, count}")
            return []
        parts = []
        for item in data:
            good = self.fields(item, schema.PART_FIELDS, "parts")
            if len(good) == 2:
                parts.append(Part(**good))
        return parts

    def model(self, data, where: str) -> Model | None:
        good = self.fields(data, schema.MODEL_FIELDS, where)
        if not isinstance(data, Mapping) or "name" not in good:
            return None
        config = [k for k in ("layers", "kv_heads", "head_dim") if k in good]
        if config and len(config) < 3:
            self.problem(data.line, f"{where}: layers, kv_heads and head_dim go together "
                         "(or give kv_bytes_per_token)")
        if "total_params" in good and "active_params" in good and good["active_params"] > good["total_params"]:
            self.problem(data.key_lines["active_params"], f"{where}.active_params: more than total_params")
        return Model(**good)

    def workload(self, good: dict, data: Mapping, where: str) -> Workload:
        """The structured workload fields of a claim or measurement (already field-checked)."""
        model = self.model(data["model"], f"{where}.model") if "model" in good else None
        keys = ("phase", "precision", "batch", "concurrency", "input_tokens", "output_tokens",
                "scenario", "latency_target")
        return Workload(model=model, **{k: good.get(k) for k in keys})

    def specs(self, data, declared: set[str]) -> list[Value]:
        if not isinstance(data, Mapping):
            self.problem(line_of(data), "specs: expected a mapping of metric -> value(s)")
            return []
        values = []
        for key, entry in data.items():
            line = data.key_lines[key]
            metric = WRITABLE.get(key)
            if key in METRICS and metric is None:
                self.problem(line, f"specs: {key!r} is computed by chipcmp from other metrics; "
                             "write the published figures it comes from instead")
                continue
            if metric is None:
                hint = difflib.get_close_matches(key, WRITABLE, n=1, cutoff=0.6)
                suffix = f"; did you mean {hint[0]!r}?" if hint else " (see `chipcmp metrics`)"
                self.problem(line, f"specs: unknown metric {key!r}{suffix}")
                continue
            entries = entry if isinstance(entry, Sequence) else [entry]
            if not entries:
                self.problem(line, f"specs.{key}: empty list; leave an unpublished metric out")
            for item in entries:
                value = self.value(key, item, line, declared)
                if value is not None:
                    values.append(value)
        return values

    def value(self, key: str, item, key_line: int, declared: set[str]) -> Value | None:
        from .units import UnitError, parse_quantity

        metric = METRICS[key]
        where = f"specs.{key}"
        if not isinstance(item, Mapping):
            example = item if isinstance(item, str) else "312 TFLOPS"
            self.problem(line_of(item, key_line), f"{where}: write a mapping with value and source, "
                         f"e.g. {{value: {example}, source: <id>}}")
            return None
        good = self.fields(item, schema.VALUE_FIELDS, where)
        line = line_of(item, key_line)
        if "source" in good and good["source"] not in declared:
            self.problem(item.key_lines["source"],
                         f"{where}: source {good['source']!r} is not declared under sources")
            good.pop("source")
        if metric.throughput and "sparsity" not in good and "sparsity" not in item:
            self.problem(line, f"{where}: throughput needs sparsity: dense, sparse or unspecified")
        if not metric.throughput and "sparsity" in good:
            self.problem(item.key_lines["sparsity"], f"{where}: sparsity applies to throughput only")
        if "value" not in good or "source" not in good:
            return None
        published = good["value"]
        value = Value(
            metric=key, source=good["source"], line=line, published=published,
            sparsity=good.get("sparsity"), scope=good.get("scope"),
            derived=good.get("derived"), note=good.get("note"),
            approximate=good.get("approximate", False), status=good.get("status", "shipping"),
            reviewed=good.get("reviewed"),
        )
        if metric.is_text:
            value.text = published
            return value
        try:
            if metric.computed:  # a published TPP or PD: a plain number, its unit optional
                number = published.replace("²", "^2").removesuffix(metric.unit or "").strip()
                quantity = parse_quantity(number, "", "")
            else:
                quantity = parse_quantity(published, metric.unit, metric.dimension)
        except UnitError as exc:
            if metric.computed:
                exc = f"{metric.label} is a plain number, e.g. 4,800, not {published!r}"
            self.problem(item.key_lines["value"], f"{where}: {exc}")
            return None
        value.low, value.high = quantity.low, quantity.high
        value.approximate = value.approximate or quantity.approximate
        value.binary_prefix = quantity.binary_prefix
        if quantity.warning:
            self.warn(item.key_lines["value"], f"{where}: {quantity.warning}")
        return value

    # -- whole files ----------------------------------------------------------

    def hardware(self, data) -> Chip | None:
        good = self.fields(data, schema.HARDWARE_FIELDS, "record")
        if not isinstance(data, Mapping):
            return None
        declared = set(data["sources"]) if isinstance(data.get("sources"), Mapping) else set()
        sources = self.sources(data["sources"]) if "sources" in good else {}
        values = self.specs(data["specs"], declared) if "specs" in good else []
        aliases = self.aliases(data["aliases"]) if "aliases" in good else []
        parts = self.parts(data["parts"]) if "parts" in good else []
        self.check_id(good, data)
        required = ("id", "name", "vendor", "country", "kind")
        if self.problems or not all(k in good for k in required):
            return None
        return Chip(
            id=good["id"], name=good["name"], vendor=good["vendor"], country=good["country"],
            kind=good["kind"], released=good.get("released"), path=str(self.path),
            aliases=[str(a) for a in aliases], sources=sources, values=values, parts=parts,
            variant_of=good.get("variant_of"), notes=good.get("notes"),
            announced=good.get("announced"), available=good.get("available"),
        )

    def claim(self, data) -> Claim | None:
        good = self.fields(data, schema.CLAIM_FIELDS, "claim")
        if not isinstance(data, Mapping):
            return None
        sources = self.cited_sources(good, data, "claim")
        if "metric" in good and good["metric"] not in METRICS:
            hint = difflib.get_close_matches(good["metric"], METRICS, n=1)
            suffix = f"; did you mean {hint[0]!r}?" if hint else ""
            self.problem(data.key_lines["metric"], f"claim.metric: unknown metric {good['metric']!r}{suffix}")
        if "metric" not in data and "workload" not in data and "phase" not in data:
            self.problem(data.line, "claim: needs a metric, a workload, or both")
        if "metric" in good and METRICS.get(good["metric"]) and "precision" in good:
            self.problem(data.key_lines["precision"], "claim.precision: a metric claim names its "
                         "precision in metric; precision is for workload claims")
        workload = self.workload(good, data, "claim")
        if "baseline" not in data and "workload" not in data:
            self.problem(data.line, "claim: without a baseline chip, say in workload what it is compared with")
        ratio = None
        if "ratio" in good:
            try:
                ratio = parse_ratio(good["ratio"])
            except ChipcmpError as exc:
                self.problem(data.key_lines["ratio"], f"claim.ratio: {exc}")
        self.check_id(good, data)
        if self.problems or ratio is None:
            return None
        return Claim(
            id=good["id"], subject=good["subject"], baseline=good.get("baseline"),
            ratio=good["ratio"], ratio_low=ratio.low, ratio_high=ratio.high,
            approximate=ratio.approximate, claimed_by=good["claimed_by"],
            claimed_on=good["claimed_on"], source=good["source"], path=str(self.path),
            metric=good.get("metric"), workload=good.get("workload"),
            phase=workload.phase, precision=workload.precision, model=workload.model,
            batch=workload.batch, concurrency=workload.concurrency,
            input_tokens=workload.input_tokens, output_tokens=workload.output_tokens,
            chips=good.get("chips"), software=good.get("software"),
            sparsity=good.get("sparsity"), wording=good.get("wording"),
            quote=good.get("quote"), note=good.get("note"), sources=sources,
        )

    def measurement(self, data) -> Measurement | None:
        good = self.fields(data, schema.MEASUREMENT_FIELDS, "measurement")
        if not isinstance(data, Mapping):
            return None
        sources = self.cited_sources(good, data, "measurement")
        workload = Workload()
        if "workload" in good:
            body = data["workload"]
            fields = self.fields(body, schema.MEASUREMENT_WORKLOAD_FIELDS, "measurement.workload")
            if isinstance(body, Mapping):
                workload = self.workload(fields, body, "measurement.workload")
        metric = good.get("metric")
        if metric and not schema.MEASUREMENT_METRICS[metric] and "chips" not in good:
            self.problem(data.key_lines["metric"], f"measurement: {metric} is a total; say how "
                         "many chips ran in chips (or use the per-chip metric)")
        if metric == "mfu" and good.get("value", 0) > 1:
            self.problem(data.key_lines["value"], "measurement.value: mfu is a fraction (0.45), not a percentage")
        self.check_id(good, data)
        if self.problems:
            return None
        return Measurement(
            id=good["id"], chip=good["chip"], workload=workload, metric=metric, value=good["value"],
            harness=good["harness"], date=good["date"], run_by=good["run_by"], source=good["source"],
            path=str(self.path), chips=good.get("chips"), software=good.get("software"),
            note=good.get("note"), sources=sources,
        )

    def rule(self, data) -> Rule | None:
        good = self.fields(data, schema.RULE_FIELDS, "rule")
        if not isinstance(data, Mapping):
            return None
        sources = self.cited_sources(good, data, "rule")
        classes = self.classes(data["classes"]) if "classes" in good else []
        self.check_id(good, data)
        if self.problems:
            return None
        return Rule(
            id=good["id"], name=good["name"], jurisdiction=good["jurisdiction"],
            published=good["published"], effective=good.get("effective"), source=good["source"],
            path=str(self.path), classes=classes, notes=good.get("notes"), sources=sources,
        )

    def classes(self, data) -> list[RuleClass]:
        if not isinstance(data, Sequence) or not data:
            self.problem(line_of(data), "classes: expected a list of {class, when, text}")
            return []
        found = []
        for item in data:
            good = self.fields(item, schema.RULE_CLASS_FIELDS, "classes")
            if "class" in good and "when" in good:
                found.append(RuleClass(good["class"], good["when"], line_of(item), good.get("text")))
        return found

    def check_id(self, good: dict, data: Mapping) -> None:
        if "id" in good and good["id"] != self.path.stem:
            self.problem(data.key_lines["id"],
                         f"id {good['id']!r} does not match the file name {self.path.name!r}")


def _condition_error(text: str) -> str | None:
    """Why a rule condition cannot be used, or None when it can."""
    from .conditions import ConditionError, names, parse

    try:
        tree = parse(text)
    except ConditionError as exc:
        return str(exc)
    for name in sorted(names(tree)):
        if name not in METRICS:
            hint = difflib.get_close_matches(name, METRICS, n=1)
            suffix = f"; did you mean {hint[0]!r}?" if hint else " (see `chipcmp metrics`)"
            return f"unknown metric {name!r}{suffix}"
    return None


def _number(text: str) -> float:
    match = NUMBER_PATTERN.match(text)
    return float(match.group(1)) * NUMBER_SUFFIXES[match.group(2)] if match else 0.0


def _valid_date(text: str) -> bool:
    if not re.match(schema.DATE_PATTERN, text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def check_files(files: list[Path], known_ids: set[str] = frozenset(),
                roots: list[Path] = ()) -> tuple[Library, list[Problem]]:
    """Validate files one by one, then across files; return what loaded and all problems.

    `known_ids` are chips from elsewhere (the active library) that references may name;
    `roots` are the folders the files were found in (a file's kind is read below its root).
    """
    folders = [Path(r) for r in roots if Path(r).is_dir()]
    library = Library()
    problems: list[Problem] = []
    names: dict[str, tuple[str, str]] = {}  # normalized id/alias -> (chip id, path)
    references: list[tuple[Problem, str]] = []  # (where + what, chip id it names)
    for path in files:
        data, file_problems = read_yaml(path)
        problems.extend(file_problems)
        if file_problems:
            continue
        checker = _FileChecker(path)
        kind = record_kind(path, next((r for r in folders if r in path.parents), None))
        if kind == "rule":
            rule = checker.rule(data)
            if rule:
                _add_unique(library.rules, rule, data, checker)
        elif kind == "measurement":
            record = checker.measurement(data)
            if record:
                _add_unique(library.measurements, record, data, checker)
                references.append((Problem(str(path), data.key_lines["chip"], "measurement.chip"), record.chip))
        elif kind == "claim":
            record = checker.claim(data)
            if record:
                _add_unique(library.claims, record, data, checker)
                roles = ["subject", "baseline"] if record.baseline else ["subject"]
                for role in roles:
                    where = Problem(str(path), data.key_lines[role], f"claim.{role}")
                    references.append((where, getattr(record, role)))
        else:
            record = checker.hardware(data)
            if record and _add_unique(library.chips, record, data, checker):
                _check_names(record, data, names, checker)
                for field in ("variant_of", "parts"):
                    targets = [p.chip for p in record.parts] if field == "parts" else (
                        [record.variant_of] if record.variant_of else [])
                    for target in targets:
                        references.append((Problem(str(path), data.key_lines[field], field), target))
        problems.extend(checker.problems)
        library.warnings.extend(checker.warnings)
    valid_ids = set(library.chips) | set(known_ids)
    for where, chip_id in references:
        if chip_id not in valid_ids:
            hint = difflib.get_close_matches(chip_id, valid_ids, n=1)
            suffix = f"; did you mean {hint[0]!r}?" if hint else ""
            problems.append(Problem(where.path, where.line,
                                    f"{where.message}: unknown chip {chip_id!r}{suffix}"))
    return library, problems


def _add_unique(table: dict, record, data: Mapping, checker: _FileChecker) -> bool:
    if record.id in table:
        checker.problem(data.key_lines["id"],
                        f"id {record.id!r} is already used by {table[record.id].path}")
        return False
    table[record.id] = record
    return True


def _check_names(chip: Chip, data: Mapping, names: dict, checker: _FileChecker) -> None:
    """The same id or alias in two files would make a name ambiguous."""
    for name in [data["id"], *(data.get("aliases") or [])]:
        key = normalize_name(name)
        owner = names.get(key)
        if owner and owner[0] != chip.id:
            line = line_of(name, data.key_lines["id"])
            checker.problem(line, f"name {name!r} is already used by {owner[0]} ({owner[1]})")
        else:
            names[key] = (chip.id, chip.path)


def load(paths: list[Path]) -> Library:
    """Load spec files or directories; raise DataError listing every problem.

    Values that fail a plausibility check come back flagged (Value.flags).
    """
    from .plausibility import annotate

    files, problems = discover(paths)
    library, more = check_files(files, roots=paths)
    problems += more
    if problems:
        raise DataError(problems)
    annotate(library)
    return library
