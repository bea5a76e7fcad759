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

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # text | id | date | country | enum | bool | count | url | condition, or a structure
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
    Field("derived", "text"),
    Field("note", "text"),
)

PART_FIELDS = (
    Field("chip", "id", True),
    Field("count", "count", True),
)

CLAIM_FIELDS = (
    Field("id", "id", True),
    Field("subject", "id", True),
    Field("baseline", "id", help="chip or system compared with; leave out when the claim "
          "compares with something else (describe it in workload)"),
    Field("metric", "text"),
    Field("workload", "text"),
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
