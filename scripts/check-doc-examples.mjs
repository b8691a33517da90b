// Fails when an exported symbol of a public entry has no @example in its TSDoc.
// Reads the JSON that `typedoc` writes next to the HTML reference (docs/api/api.json).
import { readFileSync } from 'node:fs';

const api = JSON.parse(readFileSync('docs/api/api.json', 'utf8'));
const missing = [];
const seen = new Set();

function hasExample(reflection) {
  const tags = [
    ...(reflection.comment?.blockTags ?? []),
    ...(reflection.signatures ?? []).flatMap((s) => s.comment?.blockTags ?? []),
  ];
  return tags.some((t) => t.tag === '@example');
}

for (const entry of api.children ?? []) {
  for (const symbol of entry.children ?? []) {
    const key = `${symbol.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!hasExample(symbol)) missing.push(`${entry.name}: ${symbol.name}`);
  }
}

if (missing.length > 0) {
  console.error(`Exported symbols without an @example (${missing.length}):\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`All ${seen.size} exported symbols have an @example.`);
