/**
 * Turns the repositories' portable SQL into PostgreSQL's: `?` → `$1, $2…` and mixed-case
 * identifiers quoted (Prisma created them quoted, so `Petition.voterId` is
 * `"Petition"."voterId"` there; SQLite ignores identifier case). String literals are left
 * alone. Keywords are written in UPPER case and plain columns in lower case, so only
 * identifiers mixing both cases need quotes. Compiled once per text.
 */
const cache = new Map<string, string>();

export function toPostgres(sql: string): string {
  let out = cache.get(sql);
  if (out !== undefined) return out;
  let n = 0;
  out = "";
  for (let i = 0; i < sql.length; ) {
    const c = sql[i]!;
    if (c === "'") {
      // A literal runs to the next quote not doubled ('it''s').
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '"') {
      const j = sql.indexOf('"', i + 1);
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === "?") {
      out += `$${++n}`;
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j]!)) j++;
      const word = sql.slice(i, j);
      out += /[a-z]/.test(word) && /[A-Z]/.test(word) ? `"${word}"` : word;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  // Texts are a fixed set written in the repositories (IN lists are bounded): the cache stays small.
  if (cache.size < 5000) cache.set(sql, out);
  return out;
}
