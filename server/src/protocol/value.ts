/** The value figures (docs/value.md) as the preview shows them: formatted, beside the payments. */

export interface ValueView {
  /** The headline figures: savings, payment-to-savings, NPV…, each formatted ("at most £…", "not estimated — …"). */
  summary: { figure: string; value: string }[];
  /** Savings against payments by body, formatted, with the minor units for the chart (null: not estimated). */
  bodies: { body: string; name?: string; saves: string; pays: string; net: string; savesMinor: number | null; paysMinor: number | null }[];
  /** Why a figure is a bound ("Bounded: 2 paid outcomes have no value (…)"). */
  notes: string[];
}
