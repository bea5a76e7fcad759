"""What a spec or claim file may contain, as data.

The validator walks these tables; keeping them declarative means one place to
change a field and, later, one source for a generated JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass

# aggregator: spec sites that compile or scrape figures (TechPowerUp, wikis);
# reseller: shops and cloud resellers restating a vendor's figures.
TIERS = ("vendor", "regulator", "paper", "analyst", "press", "database", "aggregator", "reseller",
         "community", "measured")
# shipping: the figure describes a part that shipped; announced: presented but not yet
# shipping; planned: a roadmap target (it may never ship as stated).
STATUSES = ("shipping", "announced", "planned")
KINDS = ("chip", "card", "module", "system")
SPARSITIES = ("dense", "sparse", "unspecified")
SCOPES = ("die", "package", "chip", "card", "module", "node", "system")

# What a workload claim or measurement is about. prefill: a compute-bound forward pass over
# whole inputs (LLM prompt processing, and offline batch inference of CNNs and encoders);
# decode: token-by-token generation, bound by memory bandwidth; inference: either or both;
# peak: theoretical peak throughput; gaming and other: nothing a datasheet bounds.
PHASES = ("training", "prefill", "decode", "inference", "peak", "gaming", "other")
# Who ran a measurement: the chip's vendor, anyone else, or an audited benchmark (MLPerf).
RUNNERS = ("vendor", "independent", "audited")
# Measured metrics; per_chip False means the value is for all `chips` together.
MEASUREMENT_METRICS = {
    "tokens_per_s": False, "tokens_per_s_per_chip": True,
    "samples_per_s": False, "samples_per_s_per_chip": True,
    "achieved_tflops": True, "mfu": True,
}

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # text | id | date | country | enum | bool | count | number | precision | url |
    # condition, or a structure
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""


HARDWARE_FIELDS = (
    Field("id", "id", True, help="lower-case id, equal to the file name"),
    Field("name", "text", True),
    Field("vendor", "text", True),
    Field("country", "country", True, help="ISO 3166-1 alpha-2"),
    Field("kind", "enum", True, KINDS),
    Field("released", "date", help="YYYY, YYYY-MM or YYYY-MM-DD; leave out if unpublished"),
    Field("announced", "date", help="when the vendor first presented it"),
    Field("available", "date", help="when it first shipped to customers"),
    Field("aliases", "aliases"),
    Field("variant_of", "id"),
    Field("parts", "parts"),
    Field("notes", "text"),
    Field("sources", "sources", True),
    Field("specs", "specs", True),
)

SOURCE_FIELDS = (
    Field("title", "text"),
    Field("publisher", "text"),
    Field("url", "url"),
    Field("published", "date"),
    Field("accessed", "date", True),
    Field("tier", "enum", True, TIERS),
    Field("via", "text", help="where it was read when that is a repost or transcription of the "
          "publisher's document (tier by the original publisher)"),
    Field("locator", "text", help="where in the document: table, page or section"),
)

VALUE_FIELDS = (
    Field("value", "text", True, help="number and unit as published, e.g. '312 TFLOPS'"),
    Field("source", "id", True, help="a key of this file's sources"),
    Field("sparsity", "enum", False, SPARSITIES),
    Field("scope", "enum", False, SCOPES),
    Field("approximate", "bool"),
    Field("status", "enum", False, STATUSES, help="default shipping; planned for roadmap targets"),
    Field("reviewed", "text", help="why a figure that fails a plausibility check stays as published "
          "(validate stops warning; outputs still flag it)"),
    Field("derived", "text"),
    Field("note", "text"),
)

PART_FIELDS = (
    Field("chip", "id", True),
    Field("count", "count", True),
)

MODEL_FIELDS = (
    Field("name", "text", True, help="e.g. DeepSeek-R1; models with the same parameter counts "
          "count as the same architecture"),
    Field("total_params", "number", help="all parameters, e.g. 671B (B = 10^9)"),
    Field("active_params", "number", help="parameters used per token (MoE), e.g. 37B"),
    Field("kv_bytes_per_token", "number", help="KV-cache bytes per token, all layers"),
    Field("layers", "count", help="with kv_heads and head_dim: KV bytes = 2 × layers × kv_heads "
          "× head_dim × 2 bytes"),
    Field("kv_heads", "count"),
    Field("head_dim", "count"),
)

# The shape of a workload, shared by claims (as top-level fields) and measurements.
WORKLOAD_FIELDS = (
    Field("phase", "enum", False, PHASES, help="what the specs bound: training and prefill by "
          "tensor throughput, decode by memory bandwidth, peak by peak throughput"),
    Field("precision", "precision", help="a throughput metric key, e.g. bf16, fp8, int8"),
    Field("model", "model"),
    Field("batch", "count"),
    Field("concurrency", "count", help="requests served at once"),
    Field("input_tokens", "count"),
    Field("output_tokens", "count"),
)

CLAIM_FIELDS = (
    Field("id", "id", True),
    Field("subject", "id", True),
    Field("baseline", "id", help="chip or system compared with; leave out when the claim "
          "compares with something else (describe it in workload)"),
    Field("metric", "text"),
    Field("workload", "text", help="the workload in words; phase, precision and model drive checking"),
    *WORKLOAD_FIELDS,
    Field("chips", "count", help="how many chips the claim is about, when it says"),
    Field("software", "text"),
    Field("sparsity", "enum", False, SPARSITIES),
    Field("ratio", "text", True, help="e.g. '80–90%', '~100%', '3000x', '>1x'"),
    Field("wording", "text"),
    Field("claimed_by", "text", True),
    Field("claimed_on", "date", True),
    Field("source", "id", True),
    Field("quote", "text"),
    Field("note", "text"),
    Field("sources", "sources", True),
)

MEASUREMENT_WORKLOAD_FIELDS = (
    *(Field(f.name, f.type, f.name == "phase", f.choices, f.help) for f in WORKLOAD_FIELDS),
    Field("scenario", "text", help="e.g. MLPerf Offline, or the serving set-up"),
    Field("latency_target", "text", help="e.g. TPOT < 50 ms"),
)

MEASUREMENT_FIELDS = (
    Field("id", "id", True, help="lower-case id, equal to the file name"),
    Field("chip", "id", True, help="the chip, card, module or system measured"),
    Field("chips", "count", help="how many ran together; needed when the value is a total"),
    Field("workload", "workload", True),
    Field("metric", "enum", True, tuple(MEASUREMENT_METRICS)),
    Field("value", "number", True, help="a plain number; mfu as a fraction (0.45)"),
    Field("harness", "text", True, help="benchmark or serving system, with its version"),
    Field("software", "text", help="software stack and versions"),
    Field("date", "date", True, help="when the result was published"),
    Field("run_by", "enum", True, RUNNERS, help="MLPerf results are audited"),
    Field("source", "id", True),
    Field("note", "text"),
    Field("sources", "sources", True),
)

RULE_FIELDS = (
    Field("id", "id", True),
    Field("name", "text", True),
    Field("jurisdiction", "country", True, help="ISO code of the state that issued the rule"),
    Field("published", "date", True, help="publication date of the text encoded"),
    Field("effective", "date"),
    Field("source", "id", True, help="the key under sources of the regulation's text"),
    Field("classes", "classes", True, help="ordered: the first class whose condition holds applies"),
    Field("notes", "text", help="carve-outs and exceptions the conditions do not encode"),
    Field("sources", "sources", True),
)

RULE_CLASS_FIELDS = (
    Field("class", "text", True, help="the paragraph, e.g. 3A090.a"),
    Field("when", "condition", True, help="e.g. 'tpp >= 4800 or (tpp >= 1600 and "
          "performance_density >= 5.92)'"),
    Field("text", "text", help="what the paragraph says, in short"),
)
