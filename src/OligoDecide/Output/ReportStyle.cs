namespace OligoDecide.Output;

/// <summary>
/// The one style sheet of the tumour-board pages, inlined in each page. Large type and strong
/// contrast on screen (a projector in a lit room); 9.5 pt on A4 in print. Colour always repeats a
/// word, a glyph or a shape; it never carries meaning alone.
/// </summary>
internal static class ReportStyle
{
    internal const string Css = """
:root { --ink: #14213d; --muted: #4a5568; --rule: #c8cfd9; --accent: #1d4e89; --warn-bg: #fff4d6; --warn: #8a5a00; --ok-bg: #e7f5ec; --ok: #1f6f43; --bar: #1d4e89; --rt: #8e3b8e; --window: #dbe7f5; }
* { box-sizing: border-box; }
html { font-size: 18px; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 2rem; font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: var(--ink); background: #fff; line-height: 1.4; }
h1 { font-size: 2rem; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.3rem; margin: 1.2rem 0 0.5rem; border-bottom: 2px solid var(--rule); padding-bottom: 0.15rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.3rem; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.9em; }
a { color: var(--accent); }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8rem; color: var(--muted); }
.case-id { font-family: "DejaVu Sans Mono", Consolas, monospace; }
.meta { display: flex; flex-wrap: wrap; gap: 0.2rem 2rem; margin: 0; }
.meta div { display: flex; gap: 0.5rem; align-items: baseline; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.sha code { font-size: 0.7rem; word-break: break-all; color: var(--muted); }
.small { font-size: 0.8rem; color: var(--muted); }
.unknown { color: var(--warn); font-style: italic; }
.state-line { font-size: 1.35rem; margin: 0.2rem 0; }
.state-badge { display: inline-block; font-weight: 700; padding: 0.1rem 0.6rem; border: 2px solid var(--ink); border-radius: 0.3rem; }
.st-indeterminate { border-style: dashed; background: var(--warn-bg); }
.st-polymetastatic { background: #f1e4e4; }
.category { font-size: 1rem; color: var(--muted); }
.warnings { list-style: none; padding: 0; margin: 0.3rem 0; }
.warnings li { margin: 0.15rem 0; }
.icon { display: inline-block; min-width: 1.2em; text-align: center; font-weight: 700; }
.to-complete { background: var(--warn-bg); border: 2px solid var(--warn); border-left-width: 0.6rem; border-radius: 0.3rem; padding: 0.2rem 1rem 0.5rem; margin: 1rem 0; }
.to-complete h2 { border: 0; color: var(--warn); margin-top: 0.4rem; }
.to-complete.complete { background: var(--ok-bg); border-color: var(--ok); }
.to-complete.complete h2 { color: var(--ok); }
.to-complete ul { margin: 0.3rem 0; padding-left: 1.2rem; }
.fact { font-weight: 700; }
.timeline { margin: 0; }
.timeline svg { width: 100%; height: auto; display: block; font-family: inherit; }
.tl-lane-label { font-size: 13px; font-weight: 600; fill: var(--ink); }
.tl-lane-rule { stroke: var(--rule); stroke-width: 1; }
.tl-grid { stroke: #e2e6ec; stroke-width: 1; }
.tl-tick { font-size: 12px; fill: var(--muted); }
.tl-text { font-size: 12px; fill: var(--ink); }
.tl-anchor { stroke: var(--ink); stroke-width: 1.5; }
.tl-shape { fill: var(--ink); stroke: #fff; stroke-width: 1; }
.tl-progression .tl-shape { fill: #b42318; }
.tl-bar { fill: var(--bar); }
.tl-radiotherapy .tl-bar { fill: var(--rt); }
.tl-ongoing .tl-bar { fill: var(--bar); }
.tl-arrow { fill: var(--bar); }
.tl-stop-unknown .tl-bar { fill: #fff; stroke: var(--rt); stroke-width: 2; stroke-dasharray: 3 2; }
.tl-unknown { font-size: 14px; font-weight: 700; fill: var(--rt); }
.tl-window-fill { fill: var(--window); }
.tl-hatch-line { stroke: #b8cbe4; stroke-width: 3; }
.tl-window-label { font-size: 12px; fill: var(--accent); font-style: italic; }
.tl-assessed .tl-anchor { stroke: #b42318; stroke-width: 2; stroke-dasharray: 5 3; }
.tl-assessed-label { font-size: 12px; font-weight: 700; fill: #b42318; }
.undated { font-size: 0.85rem; color: var(--warn); margin-top: 0.3rem; }
.two-col { display: grid; grid-template-columns: 3fr 2fr; gap: 0 2rem; }
.two-col h2 { margin-top: 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.2rem 0.5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
.num { text-align: right; }
.agenda code { white-space: nowrap; }
td.missing { color: var(--warn); font-weight: 700; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 0.1rem 1rem; margin: 0; font-size: 0.9rem; }
.facts div { display: contents; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.suggestions { list-style: none; padding: 0; margin: 0; }
.card { border: 1px solid var(--rule); border-left: 0.4rem solid var(--accent); border-radius: 0.3rem; padding: 0.5rem 0.8rem; margin: 0 0 0.6rem; break-inside: avoid; }
.card.kind-caution { border-left-color: var(--warn); border-left-style: double; border-left-width: 0.5rem; }
.card p { margin: 0.2rem 0; }
.option { background: #eef2f7; padding: 0 0.3rem; border-radius: 0.2rem; }
.dose, .because { font-size: 0.9rem; }
.evidence { list-style: none; padding: 0; margin: 0.3rem 0 0; font-size: 0.85rem; }
.evidence li { margin: 0.25rem 0; }
.cite-title { color: var(--muted); }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 700; padding: 0 0.4rem; border-radius: 0.8rem; border: 2px solid var(--ink); white-space: nowrap; }
.ev-rct-phase3, .ev-guideline, .ev-meta-analysis { background: var(--ink); color: #fff; }
.ev-rct-phase2, .ev-pooled-analysis { background: #d6e2f0; }
.ev-single-arm-phase2, .ev-subgroup-analysis, .ev-retrospective { background: #fff; }
.ev-conference-abstract, .ev-preclinical { background: #fff; border-style: dashed; color: var(--muted); }
.path { padding-left: 1.4rem; margin: 0; font-size: 0.9rem; }
.path li { margin: 0.25rem 0; }
.answer { font-weight: 700; padding: 0 0.3rem; border-radius: 0.2rem; border: 1px solid currentColor; }
.ans-yes { color: var(--ok); }
.ans-no { color: #7a2e2e; }
.ans-unknown { color: var(--warn); border-style: dashed; }
.basis { color: var(--muted); }
.count { font-weight: 400; color: var(--muted); }
footer { margin-top: 1.5rem; border-top: 1px solid var(--rule); font-size: 0.8rem; color: var(--muted); }
@media (max-width: 50rem) { .two-col { grid-template-columns: 1fr; } }
@page { size: A4; margin: 11mm 12mm; }
@media print {
  html { font-size: 9pt; }
  body { max-width: none; padding: 0; }
  h1 { font-size: 1.6rem; }
  h2 { font-size: 1.15rem; margin: 0.7rem 0 0.3rem; break-after: avoid; }
  .to-complete, .card, figure, tr { break-inside: avoid; }
  .to-complete, .st-indeterminate, .ev-rct-phase3, .ev-guideline, .ev-meta-analysis, .ev-rct-phase2, .ev-pooled-analysis { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: var(--ink); text-decoration: none; }
  .two-col { grid-template-columns: 3fr 2fr; gap: 0 1.2rem; }
  .cite-title, .pending, .kicker, .schedules .why { display: none; }
  .schedules { font-size: 0.85rem; }
  .schedules th, .schedules td { padding-top: 0; padding-bottom: 0; }
  #dose-schedules h2 { margin-top: 0.3rem; }
  .card { padding: 0.25rem 0.6rem; margin-bottom: 0.4rem; }
  .to-complete { padding: 0.1rem 0.8rem 0.3rem; margin: 0.6rem 0; }
  .evidence li { margin: 0.1rem 0; }
  .path li { margin: 0.1rem 0; }
  footer { margin-top: 0.6rem; }
}

""";
}
