/** The rate card's payment preview shows plan against actual, from the actuals file claimed under it (the CLI's figures, and a chart). */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cli, expect, grouped, open, rel, waitFor, type Scenario } from './harness';
import { previewCommand, previewState } from './preview';

export const planAgainstActual: Scenario = {
  name: 'plan-against-actual: the preview charts the sample programme\'s results beside its plan',
  async run(ctx) {
    const root = ctx.fresh();
    const card = path.join(root, 'care-leavers', 'care-leavers.ratecard.yaml');
    const actuals = path.join(root, 'plan-against-actual', 'care-leavers.actuals.yaml');
    // The CLI's figures for the same files: the editor must agree with them.
    const run = cli(ctx, ['totals', '--actuals', path.relative(root, actuals), '--format', 'json', '--root', root], root);
    expect(run.status === 0, `outcomes-lint totals --actuals failed (exit ${run.status}): ${run.stderr}`);
    const figures = JSON.parse(run.stdout) as { payments: { actual: string; plan: string } };
    await open(actuals); // the actuals file known to the server
    await open(card);
    await vscode.commands.executeCommand(previewCommand());
    const uri = vscode.Uri.file(card).toString();
    const wanted = [grouped(figures.payments.actual), grouped(figures.payments.plan)];
    const shown = await waitFor('the preview to chart plan against actual with the CLI\'s payments claimed and planned', () => {
      const state = previewState();
      const html = state?.open && state.uri === uri ? state.html ?? '' : '';
      return html.includes('plan-actual-chart') && html.includes('Plan against actual') && wanted.every((w) => html.includes(w)) && state!.rendered >= state!.updates ? true : undefined;
    }, 15000, () => (previewState()?.html ?? '').slice(0, 300));
    ctx.saw(`the preview of ${rel(root, card)} drew the plan-against-actual chart with payments claimed ${wanted[0]} against ${wanted[1]} planned after ${shown.ms} ms`);
  },
};
