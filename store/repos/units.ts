/** Units that handle petitions (Phòng Kinh tế – Hạ tầng…); seeded at start, rarely changed. */
import { unitRow, type Raw, type Unit } from "../rows.ts";
import type { Sql } from "../sql/types.ts";

export function unitsRepo(sql: Sql) {
  return {
    async all(): Promise<Unit[]> {
      return (await sql.all<Raw>(`SELECT id, code, name, categories FROM Unit ORDER BY id`)).map(unitRow);
    },
    async upsert(u: { code: string; name: string; categories: string }): Promise<void> {
      await sql.run(
        `INSERT INTO Unit (code, name, categories) VALUES (?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, categories = excluded.categories`,
        [u.code, u.name, u.categories],
      );
    },
  };
}

export type UnitsRepo = ReturnType<typeof unitsRepo>;
