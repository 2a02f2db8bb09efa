/** The Be Vietnam Pro font files shipped by npm (@expo-google-fonts/be-vietnam-pro). */
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Package directory holding one folder per weight (400Regular/, 600SemiBold/…). */
export function fontPackageDir(): string {
  return path.dirname(path.dirname(require.resolve("@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf")));
}

export const FONT_FILES = {
  regular: () => path.join(fontPackageDir(), "400Regular", "BeVietnamPro_400Regular.ttf"),
  semibold: () => path.join(fontPackageDir(), "600SemiBold", "BeVietnamPro_600SemiBold.ttf"),
};
