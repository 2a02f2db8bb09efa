import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests open their own SQLite files; forks keep native addons isolated.
    pool: "forks",
    // Vitest runs one worker on a two-core machine by default; the suite is mostly waiting
    // on SQLite and child processes, so two workers nearly halve its time there.
    maxWorkers: 2,
  },
});
