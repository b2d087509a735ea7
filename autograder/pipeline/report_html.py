"""The grading report's HTML: a page with its style inside, its sections, and tables whose every text is escaped.

A value reaches the page escaped unless it is ``Html``, markup that report.py built (and escaped) itself.
"""
from html import escape

CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #5b636d; --line: #d8dde3; --band: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f4; color: var(--ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI",
       Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1360px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 0 0 14px; }
nav { font-size: 14px; }
.lead { color: var(--muted); margin: 0 0 16px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 18px 22px;
          margin: 18px 0; }
.beside { display: grid; grid-template-columns: minmax(0, 560px) minmax(0, 1fr); gap: 28px;
          align-items: start; }
@media (max-width: 1100px) {
  .beside { grid-template-columns: minmax(0, 1fr); }
  .beside figure { position: static; }  /* above its table now: sticking would cover the table */
}
figure { margin: 0; position: sticky; top: 12px; }  /* in sight while its long table scrolls by */
figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
img { max-width: 100%; height: auto; display: block; }
.scroll { overflow-x: auto; margin-bottom: 18px; }
.scroll:last-child { margin-bottom: 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
th, td { text-align: left; vertical-align: top; padding: 5px 10px; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid #aab2bc; font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) > * { background: #f8f9fb; }
tbody th { font-weight: 500; }
tr.group th { background: var(--band); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
              font-size: 13px; padding-top: 7px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; width: 1%; }
td { overflow-wrap: anywhere; }
td.note { white-space: pre-line; }
table.summary { width: calc(100% + 24px); table-layout: fixed; border-collapse: separate;
                border-spacing: 12px 0; margin: 0 -12px; }
table.summary caption { padding-left: 12px; }
table.summary th, table.summary td { width: auto; border: none; background: var(--band); padding: 6px 18px;
                                      text-align: left; }
table.summary th { white-space: normal; color: var(--muted); font-weight: 500; border-radius: 8px 8px 0 0; }
table.summary td { font-size: 24px; font-weight: 600; border-radius: 0 0 8px 8px; }
table.compact { width: auto; min-width: 240px; }
table.compact caption { white-space: nowrap; }
small { color: var(--muted); font-size: 0.85em; font-weight: 400; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.empty { color: var(--muted); margin: 0 0 18px; }
.empty b { color: var(--ink); font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12.5px; white-space: nowrap; }
.badge.ungradable { background: #fdecc8; color: #7a4100; }
.badge.held { background: #f9d7d7; color: #8a1c1c; }
.badge.missing { background: #e4e7eb; color: #414851; }
.badge.absent { background: none; color: var(--muted); }
.noted { color: #b35c00; font-weight: 700; }
"""


class Html(str):
    """Markup made by the report itself, already escaped."""


def text(value):
    return value if isinstance(value, Html) else escape(str(value))


def number(value):
    """A number of points as an instructor writes it: 12, 12.5, 12.33."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def percent(score, total):
    return f"{score / total * 100:.0f}%" if total else "—"


def badge(label, kind, title=""):
    tip = f' title="{escape(title)}"' if title else ""
    return f'<span class="badge {kind}"{tip}>{escape(label)}</span>'


def section(heading, content):
    return Html(f"<section><h2>{escape(heading)}</h2>{content}</section>")


def table(id_, caption, headers, rows, *, numeric=(), empty="", css="", row_headers=True):
    """A table with a caption and a row of ``headers``. A row is a list of values, or ``Html`` for a row of
    its own making (an exercise's heading); its first value heads the row unless ``row_headers`` is false. With
    no rows, ``empty`` says so in a sentence instead."""
    if not rows and empty:
        return Html(f'<p class="empty" id="{id_}"><b>{escape(caption)}.</b> {escape(empty)}</p>')
    numeric = set(numeric)
    head = "".join(f'<th scope="col"{_num(i, numeric)}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = []
    for row in rows:
        if isinstance(row, Html):
            body.append(f'<tr class="group">{row}</tr>')
        else:
            cells = [f'<th scope="row">{text(value)}</th>' if i == 0 and row_headers else
                     f"<td{_num(i, numeric) or _note(headers[i])}>{text(value)}</td>" for i, value in enumerate(row)]
            body.append(f"<tr>{''.join(cells)}</tr>")
    return Html(f'<div class="scroll"><table id="{id_}" class="{css}"><caption>{escape(caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def page(title, heading, sections, navigation=""):
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + (f'<nav>{navigation}</nav>\n' if navigation else "") +
            f"<h1>{escape(heading)}</h1>\n" + "\n".join(sections) + "\n</main>\n</body>\n</html>\n")


def _num(index, numeric):
    return ' class="num"' if index in numeric else ""


def _note(header):
    """A note or a reason keeps the line breaks that the grader wrote in it."""
    return ' class="note"' if header in ("Note", "Reason") else ""
