import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signedInAs } from "./helpers";

// axe-core (WCAG 2.1 A and AA rules) on the calendar's four views and the editor, as a
// teacher sees them: with the events they may drag and edit.
// axe runs as a script in the page; the markup is the same without JavaScript.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs the page's script engine");

const pages = [
  ["month", "/calendar?view=month&date=2027-04-01"],
  ["week", "/calendar?view=week&date=2027-04-19"],
  ["day", "/calendar?view=day&date=2027-04-21"],
  ["agenda", "/calendar?view=agenda&date=2027-04-01"],
  ["editor", "/calendar/new?date=2027-04-22"],
] as const;

for (const [name, path] of pages) {
  test(`the ${name} view has no accessibility violations`, async ({ page }) => {
    await signedInAs(page, "teacher", path);
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    expect(found).toEqual([]);
  });
}
