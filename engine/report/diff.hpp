// `malkoll diff GAMMAL.yaml NY.yaml` (docs/revisorsguide.md): what changed in the rules
// between two rule files, usually two budget years of one nämnd, as a
// Markdown list a committee secretary can paste into a report.
//
// Compared: the file's own settings (nämnd, rapport, period, beslut, kommun,
// jämförelsegrupper, standardregel, standardbedömning, regler), goals and
// indicators matched by id — new, removed, moved (a goal to another målområde
// or kommunmål, an indicator to another goal) and changed (every key of
// docs/regelfil.md) — and the inline values (`utfall:` in the files) of the
// indicators and nyckeltal rows both files have, as the report diff compares
// them (report_diff.hpp): a value restated for a (period, serie) both files
// have, and values added or removed for a period both files show values for
// within the span the indicator has values for in both (diff_text.hpp).
// Not compared: data files (diff reads only the two files), `år` (it is in
// the heading), comments, the order of items and YAML spelling (ASCII keys,
// quoting styles).
//
// Texts are compared as written, trimmed at both ends; rules after trimming
// trailing whitespace on each line and blank lines at start and end, so
// `|` and `|-` are the same rule. `period` is compared relative to `år`
// (2023-08 in 2023 and 2024-08 in 2024 is no change); target years,
// `målår` and `serieavbrott` are absolute years.
//
// Output: "# Ändringar från <old year> till <new year>, <nämnd>", then only
// the sections where something changed, in this order:
//   ## Allmänt · ## Nya nämndmål · ## Borttagna nämndmål · ## Flyttade nämndmål
//   ## Ändrade nämndmål · ## Nya indikatorer · ## Borttagna indikatorer
//   ## Flyttade indikatorer · ## Ändrade indikatorer · ## Ändrade värden
// or "Inga ändringar." Items in the new file's order, removed ones in the
// old file's order; changed goals and indicators each under "### namn (`id`)".
// Quoting: free text written by people (namn, definition, källa, motivering,
// aktiviteter, nämnd, beslut, målområde, kommunmål) in Swedish quotation
// marks ”…”; ids, keywords, targets, units, series and numbers in backticks;
// the engine's own words (ja/nej, judgement labels) bare; rules as fenced
// code blocks, before and after.
#pragma once
#include <ostream>

#include "engine/load/rule_file.hpp"

namespace malkoll {

// Writes the changes from old_file to new_file. Both files must have loaded
// without errors. The output depends on nothing but the two files.
void render_diff(const RuleFile& old_file, const RuleFile& new_file, std::ostream& out);

}  // namespace malkoll
