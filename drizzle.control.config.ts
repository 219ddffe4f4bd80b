import { defineConfig } from "drizzle-kit";

/** The control schema (`cortensor`: phases and the reset journal), shared by every phase. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/control-schema/index.ts",
  out: "./drizzle/control",
  schemaFilter: ["cortensor"],
});
