/** The page's stylesheet: system fonts only (nothing to fetch), readable printed or on a phone. @internal */
export const STYLES = `
:root { color-scheme: light; --fg: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --pass: #16a34a;
  --fail: #dc2626; --warn: #d97706; --training: #2563eb; --serving: #ea580c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--fg); background: var(--bg); }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 10px; }
h3 { font-size: 15px; margin: 0 0 8px; } h4 { font-size: 13px; margin: 12px 0 6px; color: var(--muted); }
code, pre, .value { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", monospace; font-size: 12px; }
pre { white-space: pre-wrap; word-break: break-all; margin: 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin: 12px 0; }
.verdict { border-left: 6px solid var(--fail); }
.verdict.pass { border-left-color: var(--pass); } .verdict.incomplete { border-left-color: var(--warn); }
.card.warn { border-left: 6px solid var(--warn); }
.status { display: inline-block; font-weight: 700; padding: 2px 10px; border-radius: 999px; color: #fff;
  background: var(--fail); margin-right: 8px; }
.status.pass { background: var(--pass); } .status.incomplete { background: var(--warn); }
.badge { display: inline-block; font-size: 11px; font-weight: 600; padding: 1px 7px; border-radius: 999px;
  background: var(--line); color: var(--fg); margin-left: 6px; vertical-align: 1px; }
.badge.bad { background: #fee2e2; color: #991b1b; } .badge.good { background: #dcfce7; color: #166534; }
.badge.warn { background: #fef3c7; color: #92400e; } .badge.new { background: #dbeafe; color: #1e40af; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; } td.num, th.num { text-align: right; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; }
.chart { position: relative; width: 100%; }
.meter { height: 8px; background: var(--line); border-radius: 4px; overflow: hidden; min-width: 120px; }
.meter > span { display: block; height: 100%; background: var(--fail); }
.meter.ok > span { background: var(--pass); }
.stats { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 6px 0 10px; }
.stats b { font-variant-numeric: tabular-nums; }
.training { color: var(--training); } .serving { color: var(--serving); }
ul.reasons { margin: 8px 0 0; padding-left: 20px; }
details > summary { cursor: pointer; color: var(--muted); }
footer { color: var(--muted); font-size: 12px; margin: 24px 0; }
`;
