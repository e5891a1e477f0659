/**
 * The README an admin reads in five minutes, and docs that hold together: README.md under 15 KB,
 * every docs/ page linked from it, and no relative link (file or #anchor) in README.md or docs/
 * pointing at something that does not exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../infra/lib/paths.js';

const DOCS = join(REPO_ROOT, 'docs');
const pages = [
  join(REPO_ROOT, 'README.md'),
  ...readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(DOCS, f)),
];

/** Markdown links outside code blocks and inline code. */
function links(markdown: string): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
function anchorsOf(markdown: string): Set<string> {
  const text = markdown.replace(/```[\s\S]*?```/g, '');
  return new Set(
    [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\- ]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('README and docs/', () => {
  it('README.md is under 15 KB', () => {
    expect(statSync(join(REPO_ROOT, 'README.md')).size).toBeLessThan(15 * 1024);
  });

  it('links every docs/ page from README.md', () => {
    const readmeLinks = links(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).map((l) => l.split('#')[0]);
    for (const page of pages.slice(1))
      expect(readmeLinks, relative(REPO_ROOT, page)).toContain(relative(REPO_ROOT, page));
  });

  it.each(pages.map((page) => [relative(REPO_ROOT, page), page]))(
    '%s has no broken relative link',
    (_name, page) => {
      const markdown = readFileSync(page, 'utf8');
      const broken: string[] = [];
      for (const link of links(markdown)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:
        const [file, anchor] = link.split('#');
        const target = file === '' ? page : resolve(dirname(page), decodeURIComponent(file));
        if (!existsSync(target)) {
          broken.push(`${link} (no file)`);
          continue;
        }
        if (anchor && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) {
          broken.push(`${link} (no heading #${anchor})`);
        }
      }
      expect(broken).toEqual([]);
    },
  );
});
