/**
 * Runs the perverse-incentive rules on one file: builds the shared facts once (the framework
 * with its rate cards, chains, totals), gives them to every rule that is not `off`, and keeps
 * the findings that fall in the file being checked.
 */
import type { Finding, RelatedLocation, Severity } from '../findings';
import type { DocumentModel, FrameworkModel, RateCardModel } from '../model';
import type { Workspace } from '../workspace';
import { buildFacts } from './facts';
import { rules } from './index';
import { keptOrRun, type NamedTexts, type RuleRun } from './kept';
import { LazyPlace, withLazyFix } from './lazy-fix';
import { collectNames, hasMarks, writeNames } from './names';
import type { Rule, RuleMeta, RuleReport, RuleSetting, RuleSettings } from './types';

export { rules };

const byId = new Map<string, Rule>(rules.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** Every rule's settings as shipped: its default severity and thresholds. */
export function defaultSettings(): RuleSettings {
  const out: RuleSettings = {};
  for (const rule of rules) out[rule.meta.id] = { severity: rule.meta.defaultSeverity, thresholds: defaultThresholds(rule.meta) };
  return out;
}

function defaultThresholds(meta: RuleMeta): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, threshold] of Object.entries(meta.thresholds)) out[name] = threshold.default;
  return out;
}

/** Settings for every rule at `severity` (`off` gives the core's checks alone, as the benchmark compares). */
export function allRules(severity: RuleSetting['severity']): RuleSettings {
  const out: RuleSettings = {};
  for (const rule of rules) out[rule.meta.id] = { severity, thresholds: defaultThresholds(rule.meta) };
  return out;
}

/**
 * The rules' findings for `model`'s file. A rate card is seen with its framework (`linked`, when
 * the caller has looked it up); a framework with every known rate card that prices it. Missing
 * settings mean the defaults.
 */
export function runRules(workspace: Workspace, model: DocumentModel, settings: RuleSettings = {}, linked?: { framework: FrameworkModel | undefined }): Finding[] {
  const active = rules.filter((rule) => (settings[rule.meta.id]?.severity ?? rule.meta.defaultSeverity) !== 'off');
  if (active.length === 0) return [];
  let framework: FrameworkModel | undefined;
  let rateCards: RateCardModel[];
  if (model.kind === 'RateCard') {
    // The caller's lookup of the rate card's framework, when it made one (each lookup reads the file again).
    if (linked) framework = linked.framework;
    else {
      const link = workspace.frameworkOf(model);
      framework = link.ok ? link.framework : undefined;
    }
    rateCards = [model];
  } else {
    framework = model;
    rateCards = workspace.rateCardsUsing(model.file);
  }
  return keptOrRun({ workspace, target: model, framework, rateCards, settings }, () => runActive(workspace, model, framework, rateCards, settings, active));
}

/** Every active rule on the whole of `model`'s file, outcomes named by marks that are written in as each finding is made (names.ts). */
function runActive(workspace: Workspace, model: DocumentModel, framework: FrameworkModel | undefined, rateCards: RateCardModel[], settings: RuleSettings, active: Rule[]): RuleRun {
  const findings: Finding[] = [];
  const texts: (NamedTexts | undefined)[] = [];
  // Names are marked only where results are kept: elsewhere nothing would write them in again.
  const naming = workspace.keepRuleResults ? framework : undefined;
  const { marks } = collectNames(naming, (marks) => {
    const facts = buildFacts(workspace, model, framework, rateCards);
    for (const rule of active) {
      const setting = settings[rule.meta.id];
      const configured = setting && setting.severity !== rule.meta.defaultSeverity ? (setting.severity as Severity) : undefined;
      const thresholds = setting?.thresholds ? { ...defaultThresholds(rule.meta), ...setting.thresholds } : defaultThresholds(rule.meta);
      const report = (r: RuleReport) => {
        if (r.model.file !== model.file) return; // another file's finding shows when that file is checked
        // A severity set in configuration wins; otherwise a finding may be graver than the rule's default.
        const severity = configured ?? r.severity ?? rule.meta.defaultSeverity;
        const span = model.parsed.spanOf(r.path, r.onKey);
        let named: NamedTexts | undefined;
        let message = r.message;
        // Texts hold marks only while names are collected (a check whose results are kept).
        if (naming && hasMarks(message)) {
          named = { message };
          message = writeNames(message, marks, framework);
        }
        let related = r.related?.length ? r.related : undefined;
        if (naming && related?.some((place) => hasMarks(place.message))) {
          const texts: (string | undefined)[] = [];
          related = related.map((place, i) => {
            if (!hasMarks(place.message)) return place;
            texts[i] = place.message;
            return namedPlace(place, writeNames(place.message, marks, framework));
          });
          (named ??= {}).related = texts;
        }
        texts[findings.length] = named;
        if (typeof r.fix === 'function') {
          findings.push(withLazyFix(rule.meta.id, severity, message, model.file, span, related, r.fix));
          return;
        }
        const finding: Finding = { ruleId: rule.meta.id, severity, message, file: model.file, span };
        if (related) finding.related = related;
        if (r.fix) finding.fix = naming && hasMarks(r.fix.title) ? { ...r.fix, title: writeNames(r.fix.title, marks, framework) } : r.fix;
        findings.push(finding);
      };
      try {
        rule.check({ facts, thresholds, report });
      } catch (error) {
        // A rule's bug must not hide the other rules' findings or crash the editor.
        texts[findings.length] = undefined;
        findings.push({ ruleId: rule.meta.id, severity: 'warning', message: `The rule ${rule.meta.id} could not check this file (internal error: ${(error as Error).message}). The other checks still ran; please report this.`, file: model.file, span: { start: 0, end: 0 } });
      }
    }
  });
  texts.length = findings.length;
  return { findings, texts, marks };
}

/** A related place with its names written in; its span still found when read. */
function namedPlace(place: RelatedLocation, message: string): RelatedLocation {
  return new LazyPlace(place.file, message, () => place.span);
}
