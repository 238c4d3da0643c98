import { execFileSync } from 'node:child_process';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../../src/replay/replay-report.ts';
import { mdCode, mdText } from '../../../src/report/_markdown-text.ts';
import { formatTerminalReport } from '../../../src/report/format-terminal.ts';
import { MarkdownReporter } from '../../../src/report/markdown-reporter.ts';
import { lockstepVersion } from '../../../src/runner/gather-run-info.ts';
import { acceptedSnapshots, CONFIGS, captured, fuzzFixture, replayFixture, tempLog } from './_real-runs.ts';

const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim().slice(0, 12);

describe('MarkdownReporter', () => {
  it('writes the summary table, the classes, the reasons and the verdict line (a real replay, line by line)', async () => {
    const out = captured();
    await replayFixture(CONFIGS.ci, [new MarkdownReporter(out)]);

    expect(out.text.split('\n')).toEqual([
      '## Lockstep replay: ✖ FAIL',
      '',
      '| contract | compared | matched | diverged | invalid | verdict |',
      '| :-- | --: | --: | --: | --: | :-- |',
      '| `orders@2.0.0` | 4 | 2 | 2 | 1 | ✖ invalid_over_budget, divergence ×2 |',
      '',
      '### orders@2.0.0: 2 divergence classes',
      '',
      '| feature | kind · cause | records | training | serving | minimal input | hints | accepted |',
      '| :-- | :-- | --: | :-- | :-- | :-- | :-- | :-- |',
      '| `amount_rounded` | value · serving higher | 1 | `2` | `3` | `{"order_id":"a","amount":0.5,"note":""}` (matters: amount) | the input has a value ending in .5: Python round() and numpy round half to even, Math.round rounds half up | ✖ new: not accepted |',
      '| `note_length` | value · serving higher | 1 | `1` | `2` | `{"order_id":"a","amount":0,"note":"𝔊"}` (matters: note) | the input has characters outside the BMP (emoji, math letters): JavaScript\'s .length counts UTF-16 units, Python\'s len() code points | ✖ new: not accepted |',
      '',
      '- amount_rounded · value · serving higher: first at `orders.jsonl:2`, 1 record',
      '- note_length · value · serving higher: first at `orders.jsonl:5`, 1 record',
      '',
      '### orders@2.0.0: distributions (serving against training)',
      '',
      '| feature | PSI | JS | L∞ | KS | over threshold |',
      '| :-- | --: | --: | --: | --: | :-- |',
      '| `amount_rounded` | 2.1285 | 0.3945 | 0.2500 | 0.2500 | — |',
      '| `note_length` | 2.0566 | 0.3784 | 0.2500 | 0.2500 | — |',
      '',
      '### Reasons',
      '',
      '- orders: 1 invalid line of 5 lines read (20.00%), over --max-invalid 0: they are records nobody checked; fix them, or allow a budget with --max-invalid \\<n\\|p%\\>',
      '- orders: amount_rounded · value · serving higher — 1 record, not accepted',
      '- orders: note_length · value · serving higher — 1 record, not accepted',
      '',
      '**Verdict: ✖ FAIL** (exit 1): orders: 1 invalid line of 5 lines read (20.00%), over --max-invalid 0: they are records nobody checked; fix them, or allow a budget with --max-invalid \\<n\\|p%\\>',
      '',
      `<sub>Lockstep ${lockstepVersion()} · commit \`${commit}\`</sub>`,
      '',
    ]);
  });

  it('appends the same summary to the step summary it is given, run after run', async () => {
    const out = captured();
    const step = captured();
    step.write('earlier step\n');

    await replayFixture(CONFIGS.ci, [new MarkdownReporter(out, step)]);
    await replayFixture(CONFIGS.ci, [new MarkdownReporter(captured(), step)]);

    expect(step.text).toBe(`earlier step\n${out.text}\n${out.text}\n`);
  });

  it('says PASS when the verdict passes, and FAIL when every line is invalid (a gate that checked nothing)', async () => {
    const pass = captured();
    const valid = (user: string) =>
      JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', input: { user_id: user, amount: 1.5, name: 'Ada' } });
    await replayFixture(CONFIGS.hostile, [new MarkdownReporter(pass)], {
      logs: [tempLog('ok.jsonl', [valid('u1'), valid('u2')])],
    });
    const fail = captured();
    await replayFixture(CONFIGS.hostile, [new MarkdownReporter(fail)], { logs: [tempLog('bad.jsonl', ['{', 'nope'])] });

    expect(pass.text.split('\n').slice(0, 5)).toEqual([
      '## Lockstep replay: ✓ PASS',
      '',
      '| contract | compared | matched | diverged | invalid | verdict |',
      '| :-- | --: | --: | --: | --: | :-- |',
      '| `users@1` | 2 | 2 | 0 | 0 | ✓ pass |',
    ]);
    expect(pass.text).toContain('\n**Verdict: ✓ PASS** (exit 0): PASS\n');
    expect(fail.text).toContain('\n| `users@1` | 0 | 0 | 0 | 2 | ✖ all_invalid |\n');
  });

  it('marks an accepted class as accepted, with its reason and link, and leaves it out of the failures', async () => {
    const first = await replayFixture(CONFIGS.ci, []);
    const out = captured();

    await replayFixture(CONFIGS.ci, [new MarkdownReporter(out)], {
      snapshotDir: acceptedSnapshots(first, (c) => c.feature === 'note_length'),
    });

    const lines = out.text.split('\n');
    expect(lines[4]).toBe('| `orders@2.0.0` | 4 | 2 | 2 | 1 | ✖ invalid_over_budget, divergence |');
    expect(lines.find((l) => l.startsWith('| `note_length`'))).toMatch(
      / \| ✓ accepted: UTF-16 length until the mobile client ships \(https:\/\/example.test\/issues\/1\) \|$/,
    );
  });

  it('writes a fuzz run with cases and classes, and the command that replays each finding', async () => {
    const out = captured();
    const summary = await fuzzFixture([new MarkdownReporter(out)]);
    const n = summary.fuzz?.[0]?.findings.length ?? 0;

    const lines = out.text.split('\n');
    expect(lines[0]).toBe('## Lockstep fuzz: ✖ FAIL');
    expect(lines[2]).toBe('| contract | cases | matched | classes | invalid | verdict |');
    expect(lines[4]).toMatch(new RegExp(`^\\| \`card_fraud@1\\.0\\.0\` \\| 60 \\| — \\| ${n} \\| — \\| ✖ divergence`));
    expect(
      lines.filter((l) => /^- .*: ``?lockstep fuzz --config \S+ --contract card_fraud --seed/.test(l)),
    ).toHaveLength(n);
  });
});

describe('MarkdownReporter: the path a Parquet log took', () => {
  const BECAUSE = 'entity u_17 has 1,200,000 rows, above the entity limit of 1,000,000';

  /** The Markdown and terminal reports of a real replay whose report is told `columnar` (or has none). */
  async function reportsWith(columnar: ReplayReport['columnar']): Promise<{ markdown: string; terminal: string }> {
    const summary = await replayFixture(CONFIGS.ci, []);
    const reports = summary.reports.map(({ columnar: _, ...r }) => (columnar === undefined ? r : { ...r, columnar }));
    const out = captured();
    new MarkdownReporter(out).onRunEnd({ ...summary, reports });
    const [report] = reports;
    if (report === undefined) throw new Error('the fixture replay has no report');
    return { markdown: out.text, terminal: formatTerminalReport(report, summary.verdict, pc.createColors(false)) };
  }

  it('read in parts: a line under the summary table, worded as the terminal words it', async () => {
    const { markdown, terminal } = await reportsWith({ used: true, parts: 3 });

    const sentence =
      'column by column in 3 parts of whole entities: the log has more rows than LOCKSTEP_COLUMNAR_MAX_ROWS (each part decodes its columns again)';
    expect(markdown.split('\n').slice(4, 8)).toEqual([
      '| `orders@2.0.0` | 4 | 2 | 2 | 1 | ✖ invalid_over_budget, divergence ×2 |',
      '',
      `- \`orders@2.0.0\` path: ${sentence}`,
      '',
    ]);
    expect(terminal).toContain(`  path     ${sentence}\n`);
    expect(markdown).not.toContain('replayed as JSON lines');
  });

  it('refused by the columnar path: a warning line with the reason, worded as the terminal words it', async () => {
    const { markdown, terminal } = await reportsWith({ used: false, because: BECAUSE });

    const sentence = `replayed as JSON lines, not column by column: ${BECAUSE}`;
    expect(markdown).toContain(
      `\n\n- ! \`orders@2.0.0\` path: ${sentence}\n\n### orders@2.0.0: 2 divergence classes\n`,
    );
    expect(terminal).toContain(`  path     ${sentence}\n`);
    expect(markdown).not.toContain('parts of whole entities');
  });

  it('read column by column whole, or no such log: nothing said, the same summary as without the field', async () => {
    const whole = await reportsWith({ used: true });
    const none = await reportsWith(undefined);

    expect(whole.markdown).toBe(none.markdown);
    expect(whole.markdown).not.toContain(' path: ');
    expect(whole.markdown).not.toContain('column by column');
    for (const text of [whole.terminal, none.terminal]) expect(text).not.toContain('  path     ');
  });
});

describe('Markdown escaping', () => {
  it('escapes Markdown and HTML in text, and keeps code spans intact whatever they hold', () => {
    expect(mdText('a|b *c* <script> [x](y) `z` ~~s~~ &amp; \\ line\nbreak')).toBe(
      'a\\|b \\*c\\* \\<script\\> \\[x\\](y) \\`z\\` \\~\\~s\\~\\~ \\&amp; \\\\ line<br>break',
    );
    expect(mdCode('{"a":"x|y"}')).toBe('`{"a":"x\\|y"}`');
    expect(mdCode('a ` b `` c')).toBe('```a ` b `` c```');
    expect(mdCode('`edge`')).toBe('`` `edge` ``');
    expect(mdCode('two\nlines')).toBe('`two lines`');
  });
});
