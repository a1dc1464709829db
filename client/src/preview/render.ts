/**
 * The payment preview's content, rendered from the server's totals: figures, tables and two
 * charts drawn as inline SVG by this code (no chart library, nothing from the network).
 * Colours are the theme's own CSS variables, so light, dark and high contrast all work.
 */
import type { HeadView, InvestorView, PlanActualView, TotalsView, ValueView, WhatIfView } from '../../../server/src/protocol';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Theme chart colours, in the order series use them. */
const palette = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];
const colour = (i: number) => `var(${palette[i % palette.length]})`;

function table(caption: string, head: string[], rows: string[][]): string {
  if (!rows.length) return '';
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head.map((h, i) => `<th${i ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${i ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function label(id: string, name: string | undefined): string {
  return name ? `${name} (${id})` : id;
}

/** Payments by year, each bar stacked by payer in proportion to the payers' shares of expected payments. */
export function yearChart(totals: TotalsView): string {
  const years = Object.keys(totals.byYear).sort();
  if (!years.length || !totals.expected) return '<p class="empty">No payments by year: the projection has no profile.</p>';
  // Without a payer split the bars are not stacked: one series for the whole.
  const split = Object.keys(totals.byPayer).filter((p) => totals.byPayer[p].expected !== null);
  const payers = split.length ? split : ['all payers'];
  const shares = split.length ? payers.map((p) => (totals.byPayer[p].expected ?? 0) / totals.expected!) : [1];
  const max = Math.max(...years.map((y) => totals.byYear[y]));
  const width = 480;
  const height = 220;
  const top = 18;
  const bottom = 30;
  const left = 10;
  const slot = (width - left) / years.length;
  const barWidth = Math.min(60, slot * 0.6);
  const scale = (height - top - bottom) / (max || 1);
  const bars = years
    .map((year, i) => {
      let y = height - bottom;
      const x = left + i * slot + (slot - barWidth) / 2;
      const parts = payers.map((payer, p) => {
        const h = totals.byYear[year] * shares[p] * scale;
        y -= h;
        return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${colour(p)}"><title>${escapeHtml(`${year}, ${label(payer, totals.names.payers[payer])}`)}</title></rect>`;
      });
      return `${parts.join('')}<text x="${(x + barWidth / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(year)}</text><text x="${(x + barWidth / 2).toFixed(1)}" y="${Math.max(top + 8, y - 4).toFixed(1)}" text-anchor="middle" class="value">${escapeHtml(totals.formatted.byYear[year] ?? '')}</text>`;
    })
    .join('');
  // Classes, not style attributes: the page's CSP allows only its own stylesheet.
  const legend = payers.map((p, i) => `<span class="key"><span class="swatch series-${i % palette.length}"></span>${escapeHtml(label(p, totals.names.payers[p]))}</span>`).join('');
  return `<figure><svg role="img" aria-label="Expected payments by year, stacked by payer" viewBox="0 0 ${width} ${height}" width="100%" class="chart year-chart">${bars}<line x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" class="axis"/></svg><figcaption>Expected payments by year, by payer ${legend}</figcaption></figure>`;
}

/** Each outcome's share of expected payments, as horizontal bars (easier to read than a pie). */
export function outcomeChart(totals: TotalsView): string {
  const outcomes = Object.entries(totals.byOutcome).filter(([, o]) => o.share !== null && o.share > 0);
  if (!outcomes.length) return '<p class="empty">No expected payments by outcome: the projection has no achievement rates.</p>';
  outcomes.sort((a, b) => (b[1].share ?? 0) - (a[1].share ?? 0));
  const rowHeight = 22;
  const width = 480;
  const labelWidth = 200;
  const height = outcomes.length * rowHeight + 4;
  const rows = outcomes
    .map(([id, o], i) => {
      const w = (width - labelWidth - 60) * (o.share ?? 0);
      const y = i * rowHeight + 2;
      return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(id)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${colour(0)}"><title>${escapeHtml(`${label(id, totals.names.outcomes[id])}: ${totals.formatted.byOutcome[id]?.expected ?? ''}`)}</title></rect><text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + 15}" class="value">${escapeHtml(totals.formatted.byOutcome[id]?.share ?? '')}</text>`;
    })
    .join('');
  return `<figure><svg role="img" aria-label="Share of expected payments by outcome" viewBox="0 0 ${width} ${height}" width="100%" class="chart outcome-chart">${rows}</svg><figcaption>Share of expected payments by outcome</figcaption></figure>`;
}

export function renderTotals(totals: TotalsView): string {
  const f = totals.formatted;
  const perParticipant = Object.entries(f.maxPerParticipant);
  const headline = [
    ['Max per participant', perParticipant.length === 1 ? perParticipant[0][1] : perParticipant.map(([c, v]) => `${c}: ${v}`).join(', ') || 'none'],
    ['Maximum liability', f.maximumLiability],
    ['Expected payments', f.expected],
    ['Deadweight', f.deadweight],
  ];
  const blocked = totals.blockedBy.length
    ? `<div class="blocked" role="alert"><strong>Some figures leave lines out:</strong><ul>${totals.blockedBy.map((b) => `<li>Line ${b.line + 1}: ${escapeHtml(b.message)}</li>`).join('')}</ul></div>`
    : '';
  // Caps that bind, in words: a payer's own cap (co-commissioning) and the total cap.
  const capNotes: string[] = [];
  for (const cap of totals.capsApplied ?? []) {
    const [kind, who, figure] = cap.split('.');
    const what = (figure ?? who) === 'expected' ? 'the expected payments' : 'the maximum liability';
    if (kind === 'perPayer') capNotes.push(`${label(who, totals.names.payers[who])}'s own cap (caps.perPayer) limits what it pays of ${what}; the other payers do not pay its share.`);
    else if (kind === 'total') capNotes.push(`The total cap (caps.total) limits ${what}.`);
  }
  const caps = capNotes.length ? `<ul class="caps">${capNotes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  return [
    `<header><h1>${escapeHtml(totals.rateCard)}</h1><span class="currency">${escapeHtml(totals.currency)}</span></header>`,
    `<dl class="headline">${headline.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>`,
    blocked,
    caps,
    `<section class="charts">${yearChart(totals)}${outcomeChart(totals)}</section>`,
    table('By cohort', ['Cohort', 'Participants', 'Max per participant', 'Maximum liability', 'Expected', 'Deadweight'], Object.entries(totals.byCohort).map(([id, c]) => [label(id, totals.names.cohorts[id]), c.participants === null ? '—' : String(c.participants), f.byCohort[id]?.maxPerParticipant ?? '', f.byCohort[id]?.maximumLiability ?? '', f.byCohort[id]?.expected ?? '', f.byCohort[id]?.deadweight ?? ''])),
    table('By payer', ['Payer', 'Maximum liability', 'Expected', 'Deadweight'], Object.keys(totals.byPayer).map((id) => [label(id, totals.names.payers[id]), f.byPayer[id]?.maximumLiability ?? '', f.byPayer[id]?.expected ?? '', f.byPayer[id]?.deadweight ?? ''])),
    table('By outcome', ['Outcome', 'Expected', 'Share'], Object.keys(totals.byOutcome).map((id) => [label(id, totals.names.outcomes[id]), f.byOutcome[id]?.expected ?? '', f.byOutcome[id]?.share ?? '—'])),
    table('By year', ['Year', 'Expected'], Object.keys(totals.byYear).sort().map((year) => [year, f.byYear[year] ?? ''])),
    renderValue(totals.value, 'Value: savings against payments'),
    renderInvestor(totals.investor, "The investor's case"),
  ].join('\n');
}

/** Payments by period, planned beside claimed: a pair of bars per period. */
export function planActualChart(view: PlanActualView): string {
  const periods = view.byPeriod;
  if (!periods.length) return '';
  const width = 480;
  const height = 220;
  const top = 18;
  const bottom = 30;
  const left = 10;
  const max = Math.max(1, ...periods.map((p) => Math.max(p.actual, p.plan ?? 0)));
  const slot = (width - left) / periods.length;
  const barWidth = Math.min(24, slot * 0.38);
  const scale = (height - top - bottom) / max;
  const every = Math.ceil(periods.length / 12); // labels on at most 12 periods
  const bars = periods
    .map((p, i) => {
      const x = left + i * slot + slot / 2 - barWidth;
      const planH = (p.plan ?? 0) * scale;
      const actualH = p.actual * scale;
      const planBar = p.plan === null ? '' : `<rect class="plan-bar" x="${x.toFixed(1)}" y="${(height - bottom - planH).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${planH.toFixed(1)}" fill="${colour(0)}"><title>${escapeHtml(`${p.label}: planned ${p.planText}`)}</title></rect>`;
      const actualBar = `<rect class="actual-bar" x="${(x + barWidth).toFixed(1)}" y="${(height - bottom - actualH).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${actualH.toFixed(1)}" fill="${colour(1)}"><title>${escapeHtml(`${p.label}: claimed ${p.actualText}`)}</title></rect>`;
      const tick = i % every === 0 ? `<text x="${(x + barWidth).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(p.label)}</text>` : '';
      return planBar + actualBar + tick;
    })
    .join('');
  const legend = `<span class="key"><span class="swatch series-0"></span>planned</span><span class="key"><span class="swatch series-1"></span>claimed</span>`;
  return `<figure><svg role="img" aria-label="Payments by period, planned beside claimed" viewBox="0 0 ${width} ${height}" width="100%" class="chart plan-actual-chart">${bars}<line x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" class="axis"/></svg><figcaption>Payments by period, planned beside claimed ${legend}</figcaption></figure>`;
}

/** Plan against actual, when an actuals file is claimed under this rate card: the chart, the figures, the reforecast. */
export function renderPlanActual(view: PlanActualView | null | undefined): string {
  if (!view) return '';
  const heading = `<h2>Plan against actual${view.asAt ? ` to ${escapeHtml(view.asAt)}` : ''}</h2>`;
  if (view.unreadable) return `<section class="plan-actual">${heading}<p class="empty">${escapeHtml(view.unreadable)}</p></section>`;
  const notes = view.findings.errors || view.findings.warnings ? `<p class="blocked">The actuals file has ${view.findings.errors} error${view.findings.errors === 1 ? '' : 's'} and ${view.findings.warnings} warning${view.findings.warnings === 1 ? '' : 's'}: see its problems. The actual figures are what was claimed.</p>` : '';
  return [
    `<section class="plan-actual">${heading}`,
    notes,
    planActualChart(view),
    table('Actual beside plan, to date', ['Figure', 'Actual', 'Plan', 'Share of plan'], view.rows.map((r) => [r.scope ? `${r.figure}: ${r.scope}` : r.figure, r.actual, r.plan, r.share])),
    table('Reforecast, if the rest performs as so far', ['Figure', 'Value'], view.reforecast.map((r) => [r.figure, r.text])),
    '</section>',
  ].join('\n');
}

/**
 * Savings against payments by body (docs/value.md): the headline value figures, a pair of bars
 * per body (what it saves, what it pays) and the table. Empty without values.
 */
export function renderValue(view: ValueView | null | undefined, heading: string): string {
  if (!view) return '';
  const figures = `<dl class="headline">${view.summary.map((r) => `<div><dt>${escapeHtml(r.figure)}</dt><dd>${escapeHtml(r.value)}</dd></div>`).join('')}</dl>`;
  const notes = view.notes.length ? `<ul class="caps">${view.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  const largest = Math.max(1, ...view.bodies.flatMap((b) => [b.savesMinor ?? 0, b.paysMinor ?? 0]));
  const rowHeight = 34;
  const width = 480;
  const labelWidth = 160;
  const bars = view.bodies
    .map((b, i) => {
      const y = i * rowHeight + 2;
      const saves = ((width - labelWidth - 120) * (b.savesMinor ?? 0)) / largest;
      const pays = ((width - labelWidth - 120) * (b.paysMinor ?? 0)) / largest;
      return `<text x="${labelWidth - 6}" y="${y + 18}" text-anchor="end">${escapeHtml(b.body)}</text>` +
        `<rect x="${labelWidth}" y="${y + 2}" width="${saves.toFixed(1)}" height="13" fill="${colour(2)}"><title>${escapeHtml(`${label(b.body, b.name)} saves ${b.saves}`)}</title></rect><text x="${(labelWidth + saves + 4).toFixed(1)}" y="${y + 13}" class="value">${escapeHtml(b.saves)}</text>` +
        `<rect x="${labelWidth}" y="${y + 16}" width="${pays.toFixed(1)}" height="13" fill="${colour(1)}"><title>${escapeHtml(`${label(b.body, b.name)} pays ${b.pays}`)}</title></rect><text x="${(labelWidth + pays + 4).toFixed(1)}" y="${y + 27}" class="value">${escapeHtml(b.pays)}</text>`;
    })
    .join('');
  const chart = view.bodies.length ? `<figure><svg role="img" aria-label="Savings against payments by body" viewBox="0 0 ${width} ${view.bodies.length * rowHeight + 4}" width="100%" class="chart value-chart">${bars}</svg><figcaption>What each body is expected to save (green) and to pay (orange)</figcaption></figure>` : '';
  const rows = view.bodies.map((b) => [label(b.body, b.name), b.saves, b.pays, b.net]);
  return `<section class="value"><h2>${escapeHtml(heading)}</h2>${figures}${notes}${chart}${table('Savings against payments by body', ['Body', 'Saves', 'Pays', 'Net'], rows)}</section>`;
}

/**
 * The investor's cumulative balance by quarter, as bars below (money out) and above (money back)
 * the zero line; the deepest quarter (the peak funding need) labelled, and the capital committed
 * as a dashed line below zero. Hand-drawn SVG in the theme's colours.
 */
export function cashFlowChart(view: InvestorView): string {
  const quarters = view.quarters;
  if (!quarters.length) return '';
  const width = 480;
  const height = 240;
  const top = 20;
  const bottom = 30;
  const left = 10;
  const highest = Math.max(0, ...quarters.map((q) => q.balanceMinor));
  const lowest = Math.min(0, ...quarters.map((q) => q.balanceMinor), view.committed === null ? 0 : -view.committed);
  const span = highest - lowest || 1;
  const y = (minor: number) => top + ((highest - minor) / span) * (height - top - bottom);
  const zero = y(0);
  const slot = (width - left) / quarters.length;
  const barWidth = Math.max(1, slot * 0.7);
  const deepest = quarters.reduce((low, q, i) => (q.balanceMinor < quarters[low].balanceMinor ? i : low), 0);
  const bars = quarters
    .map((q, i) => {
      const x = left + i * slot + (slot - barWidth) / 2;
      const at = y(q.balanceMinor);
      const [rectY, h] = q.balanceMinor < 0 ? [zero, at - zero] : [at, zero - at];
      const series = q.balanceMinor < 0 ? 1 : 2;
      return `<rect x="${x.toFixed(1)}" y="${rectY.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${Math.max(0.5, h).toFixed(1)}" fill="${colour(series)}"${i === deepest ? ' class="peak"' : ''}><title>${escapeHtml(`Quarter from ${q.period}: costs ${q.costs}, payments ${q.payments}, balance ${q.balance}`)}</title></rect>`;
    })
    .join('');
  const years = quarters.map((q, i) => (i === 0 || q.period.slice(5, 7) === quarters[0].period.slice(5, 7) ? `<text x="${(left + i * slot).toFixed(1)}" y="${height - bottom + 16}">${escapeHtml(q.period.slice(0, 4))}</text>` : '')).join('');
  const peakX = left + deepest * slot + slot / 2;
  const peak = view.peakFunding ? `<text x="${Math.min(width - 120, peakX).toFixed(1)}" y="${Math.min(height - bottom - 4, y(quarters[deepest].balanceMinor) + 14).toFixed(1)}" class="value">peak ${escapeHtml(view.peakText)}</text>` : '';
  const committed = view.committed === null ? '' : `<line x1="${left}" y1="${y(-view.committed).toFixed(1)}" x2="${width}" y2="${y(-view.committed).toFixed(1)}" class="committed"/><text x="${left + 2}" y="${(y(-view.committed) - 4).toFixed(1)}" class="value">capital committed ${escapeHtml(view.committedText)}</text>`;
  return `<figure><svg role="img" aria-label="The investor's cumulative balance by quarter, with the peak funding need and the capital committed" viewBox="0 0 ${width} ${height}" width="100%" class="chart cash-flow-chart">${bars}<line x1="${left}" y1="${zero.toFixed(1)}" x2="${width}" y2="${zero.toFixed(1)}" class="axis"/>${committed}${peak}${years}</svg><figcaption>Cumulative balance by quarter: money the investors have put in and not yet had back (below the line), and what they have had back beyond it (above)</figcaption></figure>`;
}

/** The investor's figures, the cash-flow chart and the quarters; empty without an investment. */
export function renderInvestor(view: InvestorView | null | undefined, heading: string): string {
  if (!view) return '';
  const figures = `<dl class="headline">${view.summary.map((r) => `<div><dt>${escapeHtml(r.figure)}</dt><dd>${escapeHtml(r.value)}</dd></div>`).join('')}</dl>`;
  const missing = view.missing ? `<p class="empty">${escapeHtml(view.missing)}</p>` : '';
  const quarters = view.quarters.length ? `<details><summary>Cash flow by quarter</summary>${table('Cash flow by quarter', ['Quarter from', 'Costs', 'Payments', 'Balance'], view.quarters.map((q) => [q.period, q.costs, q.payments, q.balance]))}</details>` : '';
  return `<section class="investor"><h2>${escapeHtml(heading)}</h2>${figures}${missing}${cashFlowChart(view)}${quarters}</section>`;
}

/** HEAD and now side by side, when the rate card or its framework differs from git's HEAD. */
export function renderHead(head: HeadView | null | undefined): string {
  if (!head || head.status === 'same') return '';
  if (head.status === 'unavailable') return `<section class="head-delta unavailable"><p title="${escapeHtml(head.reason ?? '')}">Against HEAD: not compared here (hover for why)</p></section>`;
  if (head.status === 'added') return `<section class="head-delta"><p>New since HEAD (<code>${escapeHtml(head.commit)}</code>): this rate card is not in the last commit.</p></section>`;
  const rows = head.rows.map((r) => `<tr><td>${escapeHtml(r.figure)}</td><td class="num">${escapeHtml(r.head)}</td><td class="num">${escapeHtml(r.now)}</td><td class="num change">${escapeHtml(r.change)}</td></tr>`).join('');
  return `<section class="head-delta"><table><caption>Against HEAD (<code>${escapeHtml(head.commit)}</code>): ${escapeHtml(head.changedFiles.join(' and '))} edited</caption><thead><tr><th>Figure</th><th class="num">HEAD</th><th class="num">Now</th><th class="num">Change</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** The what-if control, and what the server answered for it: the wholes, where the cap binds, a chart of the outcomes that move expected payments most. */
export function renderWhatIf(view: WhatIfView | null | undefined, asked: { achievement: string; participants: string }): string {
  const control = `<form class="what-if-control" id="what-if-form"><label>Achievement × <input id="what-if-achievement" type="number" min="0" step="0.05" value="${escapeHtml(asked.achievement)}"></label><label>Participants × <input id="what-if-participants" type="number" min="0" step="0.05" value="${escapeHtml(asked.participants)}"></label></form>`;
  if (!view) return `<section class="what-if"><h2>What if</h2>${control}<p class="empty">Change a scale to see the payments if more or fewer people achieve or take part, where caps.total starts to bind, and which outcomes move the expected payments most.</p></section>`;
  const figures = `<dl class="headline">${view.rows.map((r) => `<div><dt>${escapeHtml(r.figure)}</dt><dd>${escapeHtml(r.value)}</dd></div>`).join('')}</dl>`;
  const rowHeight = 22;
  const width = 480;
  const labelWidth = 200;
  const bars = view.sensitivity
    .map((s, i) => {
      const w = (width - labelWidth - 90) * s.fraction;
      const y = i * rowHeight + 2;
      return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(s.outcome)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${colour(1)}"><title>${escapeHtml(`${label(s.outcome, s.name)}: expected ${s.expected}; a tenth more achievement moves expected payments by ${s.moves}`)}</title></rect><text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + 15}" class="value">${escapeHtml(s.moves)}</text>`;
    })
    .join('');
  const chart = view.sensitivity.length
    ? `<figure><svg role="img" aria-label="How much a tenth more achievement of each outcome moves the expected payments" viewBox="0 0 ${width} ${view.sensitivity.length * rowHeight + 4}" width="100%" class="chart sensitivity-chart">${bars}</svg><figcaption>A tenth more achievement of each outcome moves the expected payments by${view.tried < view.outcomes ? ` (the ${view.tried} outcomes with the largest expected payments, of ${view.outcomes}; outcomes-lint totals --achievement ranks them all)` : ''}</figcaption></figure>`
    : '<p class="empty">No outcome\'s achievement moves the expected payments (nothing projected, or the caps already bind).</p>';
  return `<section class="what-if"><h2>What if: achievement × ${escapeHtml(view.achievement)}, participants × ${escapeHtml(view.participants)}</h2>${control}${figures}<p class="cap-binds">${escapeHtml(view.capBinds)}</p>${chart}${renderValue(view.value, 'Savings against payments under the what-if')}${renderInvestor(view.investor, "The investor's case under the what-if")}</section>`;
}

/** The whole page: strict CSP (nonce script, no network), theme variables for every colour. */
export function renderPage(body: string, nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource} data:; font-src ${cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payment preview</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 24px; }
  header { display: flex; align-items: baseline; gap: 12px; }
  h1 { font-size: 1.4em; margin: 16px 0 8px; }
  .currency { color: var(--vscode-descriptionForeground); }
  .headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 8px; margin: 0 0 16px; }
  .headline div { border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); border-radius: 4px; padding: 8px; }
  dt { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
  dd { margin: 4px 0 0; font-size: 1.3em; font-variant-numeric: tabular-nums; }
  table { border-collapse: collapse; margin: 16px 0; min-width: 60%; }
  caption { text-align: left; font-weight: bold; padding: 4px 0; }
  th, td { padding: 3px 10px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); text-align: left; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
  figure { margin: 0; }
  figcaption { color: var(--vscode-descriptionForeground); margin-top: 4px; }
  svg text { fill: var(--vscode-foreground); font-size: 11px; }
  svg .axis { stroke: var(--vscode-foreground); stroke-width: 1; }
  svg rect { stroke: var(--vscode-contrastBorder, none); }
  .key { margin-left: 10px; white-space: nowrap; }
  .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
${palette.map((variable, i) => `  .series-${i} { background: var(${variable}); }`).join('\n')}
  .blocked { border-left: 3px solid var(--vscode-editorWarning-foreground); padding: 4px 12px; margin: 8px 0; }
  .empty { color: var(--vscode-descriptionForeground); }
  button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
  .toolbar { margin-top: 12px; }
  .head-delta caption code { font-weight: normal; }
  .head-delta .change { font-weight: bold; }
  .plan-actual { margin-top: 24px; border-top: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); }
  .plan-actual h2 { font-size: 1.1em; }
  svg .committed { stroke: var(--vscode-charts-red); stroke-width: 1.5; stroke-dasharray: 5 4; }
  svg rect.peak { stroke: var(--vscode-foreground); stroke-width: 1.5; }
  .what-if { margin-top: 24px; border-top: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); }
  .what-if h2 { font-size: 1.1em; }
  .what-if-control { display: flex; gap: 16px; margin-bottom: 12px; }
  .what-if-control input { width: 5em; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); }
</style>
</head>
<body>
<div class="toolbar"><button id="export" type="button">Export CSV</button></div>
<main id="content">${body}</main>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  document.getElementById('export').addEventListener('click', () => vscode.postMessage({ type: 'exportCsv' }));
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'update') {
      document.getElementById('content').innerHTML = event.data.html;
      vscode.postMessage({ type: 'rendered', version: event.data.version });
    }
  });
  // The what-if control is redrawn with the content: listen on the document, not the inputs.
  document.addEventListener('change', (event) => {
    if (!event.target || !String(event.target.id).startsWith('what-if-')) return;
    const value = (id) => (document.getElementById(id) || {}).value || '1';
    vscode.postMessage({ type: 'whatIf', achievement: value('what-if-achievement'), participants: value('what-if-participants') });
  });
  document.addEventListener('submit', (event) => event.preventDefault());
  // Messages sent before this script ran are lost: ask for the latest content.
  vscode.postMessage({ type: 'ready' });
</script>
</body>
</html>`;
}

export function emptyState(message: string): string {
  return `<p class="empty">${escapeHtml(message)}</p>`;
}
