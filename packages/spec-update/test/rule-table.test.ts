import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES, report } from '../src/classify/rules.js';

const START =
  '<!-- rule table: src/classify/rules.ts rendered, kept equal by test/rule-table.test.ts -->';
const END = '<!-- end of the rule table -->';

/** The rule table as the README shows it: one row per kind of change, in the table's order. */
function rendered(): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const rows = Object.entries(RULES).map(
    ([kind, rule]) => `| ${cell(kind)} | ${rule.class} | ${cell(rule.what)} | ${cell(rule.why)} |`,
  );
  return ['| change | class | reported as | why |', '|---|---|---|---|', ...rows].join('\n');
}

describe('the rule table', () => {
  it("is the README's rule table, row for row", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, `README.md lacks the line ${START}`).toBeGreaterThanOrEqual(0);
    expect(end, `README.md lacks the line ${END}`).toBeGreaterThan(start);
    const table = readme.slice(start + START.length, end).trim();
    expect(table, 'README.md: replace the rule table with the one expected here').toBe(rendered());
  });

  it('has no text with a hole that would be left unfilled', () => {
    const texts = Object.values(RULES).flatMap((rule) => [rule.what, rule.why]);
    expect(texts.filter((text) => /[{}]/.test(text.replace(/\{\w+\}/g, '')))).toEqual([]);
  });

  it('fills holes once, leaving braces in the values as they are', () => {
    expect(report('response header added', 'getKey 200', { header: '{status}' })).toEqual({
      class: 'feature',
      what: 'response header {status} added',
      why: 'clients may read it',
      site: 'getKey 200',
    });
  });

  it('reports a change of the whole document without a site', () => {
    expect(report('servers changed', undefined)).toEqual({
      class: 'fix',
      what: 'servers changed',
      why: 'the client takes its base URL from its own options',
    });
    expect(report('servers changed', undefined)).not.toHaveProperty('site');
  });
});
