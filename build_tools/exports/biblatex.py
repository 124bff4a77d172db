"""bib/'s entries in biblatex's data model, so that biber's data-model check accepts them and
biblatex-chicago prints what the paper prints.

bib/ keeps the project's own names; biblatex has other ones, or none:
- a website's or blog's name (bib/'s `journal` on @online) is biblatex's `organization`;
  biblatex has no `journaltitle` on @online and biblatex-chicago drops it unprinted;
- newspapers and magazines are `entrysubtype = {magazine}`, the one string biblatex-chicago
  knows for both (with anything else it prints the article as a scholarly journal's);
- a newspaper's section goes in `usera`, which biblatex-chicago prints with a magazine
  article's paper ("Reuters, sec. Asia Pacific, June 28, 2024"); biblatex has no `section`;
- @report needs a `type`: the notes name no kind of report, so it says only what the entry
  type says, with biblatex's own string `report`;
- page ranges are written in full ("881--891"): styles abbreviate them, readers should not guess.
"""

from __future__ import annotations

from ..model import Source
from .kinds import page_range

SECTION_PREFIX = "sec. "


def biblatex_fields(source: Source) -> dict[str, str]:
    fields = dict(source.fields)
    if source.type == "online" and "journal" in fields:
        fields["organization"] = fields.pop("journal")
    elif source.type == "misc" and "journal" in fields:
        fields["organization"] = fields.pop("journal")
    elif "journal" in fields:
        fields["journaltitle"] = fields.pop("journal")
    if fields.get("entrysubtype", "").lower() in ("newspaper", "magazine"):
        fields["entrysubtype"] = "magazine"
    if "section" in fields:
        fields["usera"] = SECTION_PREFIX + fields.pop("section")
    if source.type == "report":
        fields.setdefault("type", "report")
    if "pages" in fields:
        fields["pages"] = page_range(fields["pages"], "--")
    return fields


def biblatex_record(source: Source) -> str:
    lines = [f"@{source.type}{{{source.key},"]
    for role, names in sorted(source.persons.items()):
        lines.append(f"  {role} = {{{' and '.join(names)}}},")
    for name, value in sorted(biblatex_fields(source).items()):
        lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"
