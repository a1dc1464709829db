/** The editor scenarios, in the order they run; the same list serves code-server and @vscode/test-electron. */
import { diagnostics } from './diagnostics';
import { encodedFolder } from './encoded-folder';
import { frameworkRecheck } from './framework-recheck';
import { headDelta } from './head-delta';
import { hover } from './hover';
import { liveEdit } from './live-edit';
import { preview } from './preview';
import { planAgainstActual } from './plan-against-actual';
import { priceContext, ukProgrammeTemplate } from './price-context';
import { quickFix } from './quick-fix';
import { rename } from './rename';
import { totals } from './totals';
import { value } from './value';
import { cashFlow } from './cash-flow';
import type { Scenario } from './harness';

export const scenarios: Scenario[] = [diagnostics, hover, quickFix, totals, liveEdit, preview, rename, frameworkRecheck, encodedFolder, headDelta, priceContext, ukProgrammeTemplate, value, cashFlow, planAgainstActual];
