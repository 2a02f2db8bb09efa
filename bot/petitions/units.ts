/**
 * Units that handle petitions in a ward, and the default unit per category. Seeding is
 * an idempotent upsert by unit code; admins may edit `categories` in the table later,
 * and the suggestion reads the table, not this seed.
 */
import type { Unit } from "../../store/rows.ts";
import type { CategoryId, DbClient } from "./types.ts";

export interface UnitSeed {
  code: string;
  name: string;
  /** Categories for which this unit is the default handler. */
  categories: CategoryId[];
}

/**
 * Ward units after the 2025 two-tier reform: UBND's specialised offices do the work,
 * HĐND committees oversee and take the budget questions the council decides.
 */
export const UNIT_SEED: readonly UnitSeed[] = [
  { code: "vp_hdnd_ubnd", name: "Văn phòng HĐND và UBND phường", categories: ["khac"] },
  { code: "phong_kt_ht_dt", name: "Phòng Kinh tế – Hạ tầng và Đô thị", categories: ["ha_tang", "moi_truong", "dat_dai_xay_dung"] },
  { code: "phong_vh_xh", name: "Phòng Văn hóa – Xã hội", categories: ["an_sinh_xa_hoi", "giao_duc", "van_hoa_xa_hoi"] },
  { code: "cong_an", name: "Công an phường", categories: ["an_ninh_trat_tu"] },
  { code: "ban_chqs", name: "Ban Chỉ huy Quân sự phường", categories: [] },
  { code: "ban_kt_ns", name: "Ban Kinh tế – Ngân sách HĐND phường", categories: ["kinh_te_ngan_sach"] },
  { code: "ban_vh_xh", name: "Ban Văn hóa – Xã hội HĐND phường", categories: [] },
  { code: "ban_phap_che", name: "Ban Pháp chế HĐND phường", categories: [] },
  { code: "tram_y_te", name: "Trạm Y tế phường", categories: ["y_te"] },
  { code: "mot_cua", name: "Bộ phận Một cửa (Trung tâm Phục vụ hành chính công)", categories: ["hanh_chinh"] },
];

/** Default unit code per category, derived from the seed. */
export const DEFAULT_UNIT_BY_CATEGORY: Readonly<Record<CategoryId, string>> = Object.fromEntries(
  UNIT_SEED.flatMap((u) => u.categories.map((c) => [c, u.code] as const)),
) as Record<CategoryId, string>;

/** Creates or updates every seeded unit; safe to run at each start. */
export async function seedUnits(db: DbClient, seed: readonly UnitSeed[] = UNIT_SEED): Promise<number> {
  for (const u of seed) await db.units.upsert({ code: u.code, name: u.name, categories: u.categories.join(",") });
  directories.delete(rootOf(db));
  return seed.length;
}

/** The category ids a unit handles by default. */
export function unitCategories(unit: Pick<Unit, "categories">): string[] {
  return unit.categories
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * Units change only when seeded or edited by staff, yet every classification asks for one:
 * each process keeps the list for a minute instead of reading it per petition.
 */
const UNITS_TTL_MS = 60_000;
const directories = new WeakMap<object, { at: number; units: Promise<Unit[]> }>();
// Transactions get fresh repository objects; the cache belongs to the store they came from.
const rootOf = (db: DbClient): object => db.identity;

export async function allUnits(db: DbClient): Promise<Unit[]> {
  const key = rootOf(db);
  const hit = directories.get(key);
  if (hit && Date.now() - hit.at < UNITS_TTL_MS) return hit.units;
  const units = db.units.all();
  directories.set(key, { at: Date.now(), units });
  units.catch(() => directories.delete(key));
  return units;
}

/** Forgets the cached list (after a unit was added or edited in this process). */
export function forgetUnits(db: DbClient): void {
  directories.delete(rootOf(db));
}

/** The default unit for a category: the first unit listing it, or null. */
export async function suggestedUnitFor(db: DbClient, category: string): Promise<Unit | null> {
  return (await allUnits(db)).find((u) => unitCategories(u).includes(category)) ?? null;
}

export async function unitByCode(db: DbClient, code: string): Promise<Unit | null> {
  return (await allUnits(db)).find((u) => u.code === code) ?? null;
}
